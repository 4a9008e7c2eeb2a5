# bash completion for gloss(1), the command-line glossary.
# Install as $(datadir)/bash-completion/completions/gloss, or source it.
#
# Term names and aliases (gloss list --field names), category and
# vertical names come from gloss itself, reading the
# glossaries that any -d/--dir options on the command line name (else
# $GLOSS_PATH or the default search path).  Names are matched without
# regard to case, and with space, '-' and '_' taken as one.

_gloss_commands="show search list categories related random check new edit paths help"
_gloss_fields="term aliases category vertical lang pronunciation description examples related file match body"

# Whether $1 is an option that takes a value.
_gloss_argopt()
{
	case $1 in
	-c | -d | -f | -w | --by | --category | --depth | \
	--dir | --field | --format | --lang | --limit | --seed | --vertical | --width)
		return 0 ;;
	esac
	return 1
}

# Whether $1 takes a value after '=': those above, and --color[=WHEN].
_gloss_eqopt()
{
	case $1 in
	--color | --colour) return 0 ;;
	esac
	_gloss_argopt "$1"
}

# Remove shell quoting from a word as typed (tilde, backslashes, quotes).
_gloss_dequote()
{
	local w=$1
	case $w in
	\~ | \~/*) w=$HOME${w#\~} ;;
	esac
	case $w in
	\'*) w=${w#\'}; w=${w%\'} ;;
	\"*) w=${w#\"}; w=${w%\"}; w=${w//\\\\/\\} ;;
	*) w=${w//\\ / }; w=${w//\\\\/\\} ;;
	esac
	printf '%s' "$w"
}

# Run gloss with the -d options already on the command line, quietly.
_gloss_run()
{
	local prog=${COMP_WORDS[0]} i w next
	local -a dirs=()

	[[ $prog == \~/* ]] && prog=$HOME${prog#\~}
	command -v -- "$prog" >/dev/null 2>&1 || prog=gloss
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		next=${COMP_WORDS[i + 1]}
		case $w in
		--) break ;;
		--dir)
			if [[ $next == = ]]; then
				next=${COMP_WORDS[i + 2]}
				((i++))
			fi
			((i + 1 < COMP_CWORD)) &&
				dirs+=(-d "$(_gloss_dequote "$next")")
			((i++)) ;;
		--dir=*) dirs+=(-d "$(_gloss_dequote "${w#--dir=}")") ;;
		-[!-]*)
			# -d DIR, -dDIR, and clusters such as -qd DIR.
			[[ $w =~ ^-[0ehjqv]*d(.*)$ ]] || continue
			if [[ -n ${BASH_REMATCH[1]} ]]; then
				dirs+=(-d "$(_gloss_dequote "${BASH_REMATCH[1]}")")
			else
				((i + 1 < COMP_CWORD)) &&
					dirs+=(-d "$(_gloss_dequote "$next")")
				((i++))
			fi ;;
		esac
	done
	"$prog" "${dirs[@]}" -q "$@" 2>/dev/null
}

# Set COMPREPLY to the lines of stdin that start with $1, folding case
# and separators; each reply is quoted for the shell unless the word
# being completed opened a quote (readline closes it then).
_gloss_match()
{
	local cur=$1 prefix=$2 quote= key line k esc

	case $cur in
	\'* | \"*) quote=${cur:0:1}; cur=${cur:1} ;;
	*) cur=${cur//\\/} ;;
	esac
	key=${cur,,}
	key=${key//[-_ ]/ }
	while IFS= read -r line; do
		[[ -n $line ]] || continue
		k=${line,,}
		k=${k//[-_ ]/ }
		[[ $k == "$key"* ]] || continue
		if [[ -n $quote ]]; then
			COMPREPLY+=("$prefix$line")
		else
			printf -v esc '%q' "$line"
			COMPREPLY+=("$prefix$esc")
		fi
	done
}

# Reply with the words of $2 that start with $1 (case-sensitive).
_gloss_words()
{
	local w
	for w in $2; do
		[[ $w == "$1"* ]] && COMPREPLY+=("$3$w")
	done
}

_gloss_value()
{
	local opt=$1 cur=$2 prefix=$3

	case $opt in
	-f | --format) _gloss_words "$cur" "text json ndjson tsv markdown" "$prefix" ;;
	--color | --colour) _gloss_words "$cur" "auto always never" "$prefix" ;;
	--by) _gloss_words "$cur" "category vertical lang" "$prefix" ;;
	--lang) _gloss_words "$cur" "all $(_gloss_run --lang all categories \
	    --by lang --field lang 2>/dev/null)" "$prefix" ;;
	--field) _gloss_words "$cur" "$_gloss_fields" "$prefix" ;;
	-c | --category)
		_gloss_match "$cur" "$prefix" \
		    < <(_gloss_run categories --field category) ;;
	--vertical)
		_gloss_match "$cur" "$prefix" \
		    < <(_gloss_run categories --by vertical --field vertical) ;;
	-d | --dir)
		compopt -o filenames 2>/dev/null
		local d
		while IFS= read -r d; do
			COMPREPLY+=("$prefix$d")
		done < <(compgen -d -- "$(_gloss_dequote "$cur")") ;;
	esac
	# -w, --width, --limit, --depth, --seed: a number, nothing to offer.
	return 0
}

_gloss_terms()
{
	_gloss_match "$1" "" < <(_gloss_run list --field names)
}

_gloss()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local i w c rest ddash=0 skip=0 IFS=$' \t\n'
	local -a pos=()

	COMPREPLY=()

	# An option's value: "-f X", "-fX", "--format X", "--format=X" (which
	# bash splits at '=' unless COMP_WORDBREAKS lacks it).
	if [[ $cur == = ]] && _gloss_eqopt "$prev"; then
		_gloss_value "$prev" "" ""
		return 0
	fi
	if [[ $prev == = ]] && ((COMP_CWORD > 1)) &&
		_gloss_eqopt "${COMP_WORDS[COMP_CWORD - 2]}"; then
		_gloss_value "${COMP_WORDS[COMP_CWORD - 2]}" "$cur" ""
		return 0
	fi

	# Walk the words before the cursor: options, their values, and the
	# positional words (the command, then its arguments).
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if ((skip)); then
			skip=0
			[[ $w == = ]] && skip=1
			continue
		fi
		if ((!ddash)) && [[ $w == -?* ]]; then
			case $w in
			--) ddash=1 ;;
			--*=*) ;;
			--*) _gloss_argopt "$w" && skip=1 ;;
			*)
				rest=${w#-}
				while [[ -n $rest ]]; do
					c=${rest:0:1}
					rest=${rest:1}
					if [[ $c == [cdfw] ]]; then
						[[ -z $rest ]] && skip=1
						break
					fi
				done ;;
			esac
			continue
		fi
		pos+=("$w")
	done

	if ((skip)); then
		_gloss_value "$prev" "$cur" ""
		return 0
	fi

	if ((!ddash)) && [[ $cur == -* ]]; then
		case $cur in
		--*=*)
			_gloss_eqopt "${cur%%=*}" &&
				_gloss_value "${cur%%=*}" "${cur#*=}" "${cur%%=*}="
			return 0 ;;
		-[cdfw]?*)
			_gloss_value "${cur:0:2}" "${cur:2}" "${cur:0:2}"
			return 0 ;;
		esac
		_gloss_words "$cur" "--by --category --color --colour --depth --dir
		    --exact --field --format --full --header --help --json --lang --limit
		    --no-cache --no-pager --null --pager --quiet --seed --verbose --version --vertical --width
		    -0 -c -d -e -f -h -j -q -v -w" ""
		return 0
	fi

	if ((${#pos[@]} == 0)); then
		_gloss_words "$cur" "$_gloss_commands" ""
		_gloss_terms "$cur"
		return 0
	fi
	case ${pos[0]} in
	show) _gloss_terms "$cur" ;;
	related | edit) ((${#pos[@]} == 1)) && _gloss_terms "$cur" ;;
	help) ((${#pos[@]} == 1)) && _gloss_words "$cur" "$_gloss_commands" "" ;;
	check)
		compopt -o filenames 2>/dev/null
		while IFS= read -r w; do
			COMPREPLY+=("$w")
		done < <(compgen -d -- "$(_gloss_dequote "$cur")") ;;
	search | list | categories | random | new | paths) ;;
	*) _gloss_terms "$cur" ;; # gloss TERM... is gloss show TERM...
	esac
	return 0
}

complete -F _gloss gloss
