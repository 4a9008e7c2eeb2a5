# fish completion for gloss(1), the command-line glossary.
# Install as $(datadir)/fish/vendor_completions.d/gloss.fish.
#
# Term names and aliases (gloss list --field names), category and
# vertical names come from gloss itself, reading the
# glossaries that any -d/--dir options on the command line name (else
# $GLOSS_PATH or the default search path).

# Run gloss quietly with the -d/--dir options already on the command line.
function __gloss_run
    set -l tokens (commandline -opc)
    set -l prog $tokens[1]
    command -sq -- $prog; or set prog gloss
    set -l dirs
    set -l n (count $tokens)
    set -l i 2
    while test $i -le $n
        set -l t $tokens[$i]
        switch $t
            case --
                break
            case --dir
                set i (math $i + 1)
                if test $i -le $n
                    set -a dirs -d $tokens[$i]
                end
            case '--dir=*'
                set -a dirs -d (string replace -- --dir= '' $t)
            case '-*'
                # -d DIR, -dDIR, and clusters such as -qd DIR.
                set -l m (string match -r -- '^-[0ehjqv]*d(.*)$' $t)
                if set -q m[1]
                    if test -n "$m[2]"
                        set -a dirs -d $m[2]
                    else
                        set i (math $i + 1)
                        if test $i -le $n
                            set -a dirs -d $tokens[$i]
                        end
                    end
                end
        end
        set i (math $i + 1)
    end
    set dirs (string replace -r -- '^~(?=/|$)' $HOME $dirs)
    $prog $dirs -q $argv 2>/dev/null
end

# The positional words before the cursor: the command (or first term) and
# its arguments, without the options and their values.
function __gloss_positionals
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l skip 0
    set -l ddash 0
    for t in $tokens
        if test $skip -eq 1
            set skip 0
            continue
        end
        if test $ddash -eq 0; and string match -qr -- '^-.' $t
            switch $t
                case --
                    set ddash 1
                case '--*=*'
                case --by --category --depth --dir --field --format --lang --limit --seed --vertical --width
                    set skip 1
                case '--*'
                case '*'
                    # A cluster of short options: -qd DIR, -qdDIR, -fjson.
                    set -l m (string match -r -- '^-[0ehjqv]*([cdfw])(.*)$' $t)
                    if set -q m[2]; and test -z "$m[3]"
                        set skip 1
                    end
            end
            continue
        end
        echo $t
    end
end

# Whether the word under the cursor is a term name.
function __gloss_wants_term
    set -l pos (__gloss_positionals)
    set -l n (count $pos)
    test $n -eq 0; and return 0
    switch $pos[1]
        case show
            return 0
        case related edit
            test $n -eq 1
            return
        case search list categories random check help new paths
            return 1
    end
    return 0 # gloss TERM... is gloss show TERM...
end

function __gloss_wants_command
    set -l pos (__gloss_positionals)
    set -l n (count $pos)
    test $n -eq 0; and return 0
    test $n -eq 1; and test "$pos[1]" = help
end

function __gloss_wants_dir
    set -l pos (__gloss_positionals)
    test (count $pos) -ge 1; and test "$pos[1]" = check
end

complete -c gloss -f

# Commands and term names.
complete -c gloss -n __gloss_wants_command -a show -d 'Print the entries for each term'
complete -c gloss -n __gloss_wants_command -a search -d 'Ranked full-text search'
complete -c gloss -n __gloss_wants_command -a list -d 'List every term'
complete -c gloss -n __gloss_wants_command -a categories -d 'Each category with its count'
complete -c gloss -n __gloss_wants_command -a related -d 'Terms linked to and from a term'
complete -c gloss -n __gloss_wants_command -a random -d 'One term at random'
complete -c gloss -n __gloss_wants_command -a check -d 'Validate the glossary'
complete -c gloss -n __gloss_wants_command -a new -d 'Write a term file from a template'
complete -c gloss -n __gloss_wants_command -a edit -d "Open a term's file in the editor"
complete -c gloss -n __gloss_wants_command -a paths -d 'The glossary directories in force'
complete -c gloss -n __gloss_wants_command -a help -d 'Help for gloss or one command'
complete -c gloss -n __gloss_wants_term -a '(__gloss_run list --field names)' -d Term
complete -c gloss -n __gloss_wants_dir -a '(__fish_complete_directories (commandline -ct) "")'

# Options, in the order of gloss's option table.
complete -c gloss -l by -x -a 'category vertical lang' -d 'categories: group by'
complete -c gloss -s c -l category -x -a '(__gloss_run categories --field category)' -d 'Only terms of this category'
complete -c gloss -l color -l colour -f -a 'auto always never' -d 'When to use colour (alone: always)'
complete -c gloss -l depth -x -d 'related: follow links N steps'
complete -c gloss -s d -l dir -x -a '(__fish_complete_directories (commandline -ct) "")' -d 'Read the glossary in DIR'
complete -c gloss -s e -l exact -d 'Exact names and aliases only'
complete -c gloss -l field -x -a 'term aliases category vertical pronunciation description examples related file match body' -d 'Print only this field'
complete -c gloss -s f -l format -x -a 'text json ndjson tsv markdown' -d 'Output format'
complete -c gloss -l full -d 'Show the whole body of each entry'
complete -c gloss -l header -d 'tsv: print a header line'
complete -c gloss -l lang -x -a 'all (__gloss_run --lang all categories --by lang --field lang)' -d 'Serve this language, or all'
complete -c gloss -s h -l help -d 'Print help'
complete -c gloss -s j -l json -d 'Same as --format json'
complete -c gloss -l limit -x -d 'At most N results'
complete -c gloss -s 0 -l null -d 'End records with NUL'
complete -c gloss -s q -l quiet -d 'No warnings about files, no suggestions'
complete -c gloss -s v -l verbose -d 'Every problem of the term files'
complete -c gloss -l pager -d 'Page the output even when it fits the screen'
complete -c gloss -l no-pager -d 'Never page the output'
complete -c gloss -l no-cache -d 'Parse every file; neither read nor write the index'
complete -c gloss -l seed -x -d 'random: repeatable choice'
complete -c gloss -l version -d 'Print the version'
complete -c gloss -l vertical -x -a '(__gloss_run categories --by vertical --field vertical)' -d 'Only terms of this vertical'
complete -c gloss -s w -l width -x -d 'Wrap text at N columns'
