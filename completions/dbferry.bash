# bash completion for dbferry (bin/dbferry)
# Generated from the command definitions by 'dbferry completion-script bash'; do not edit by hand.
# Use: source completions/dbferry.bash (in ~/.bashrc), or copy it to
#      ~/.local/share/bash-completion/completions/dbferry

_dbferry_commands='backup backups clear connect copy-records copy-schema count demo describe disconnect exit export-records fix-encoding help import-records import-status migrate peek plan quit restore status sync tables validate-encoding verify'
_dbferry_sub_demo='create'

# the options of a command
_dbferry_options() {
  case $1 in
    'backup') echo '--on --path --label --skip-db --skip-media --media --keep --encrypt --passphrase-env --format --help -h' ;;
    'backups') echo '--path --format --help -h' ;;
    'clear') echo '--help -h' ;;
    'connect') echo '--user --password-env --format --help -h' ;;
    'copy-records') echo '--tables --exclude --where --with-parents --clear --retry-failed --jobs --batch-size --commit-every --journal --allow-version-mismatch --allow-triggers --disable-triggers --skip-validation --check-first --no-bulk --server-timeout --quiet --format --help -h' ;;
    'copy-schema') echo '--tables --dry-run --map --collation --objects-file --format --help -h' ;;
    'count') echo '--on --format --help -h' ;;
    'demo create') echo '--target --media --scale --password-env --replace --format --help -h' ;;
    'describe') echo '--on --format --help -h' ;;
    'disconnect') echo '--format --help -h' ;;
    'exit') echo '--help -h' ;;
    'export-records') echo '--file -f --tables --exclude --where --with-parents --overwrite --quiet --format --help -h' ;;
    'fix-encoding') echo '--file -f --output -o --strategy --tables --replacement --charset --format --help -h' ;;
    'help') echo '--help -h' ;;
    'import-records') echo '--file -f --tables --clear --retry-failed --batch-size --allow-version-mismatch --allow-triggers --disable-triggers --skip-validation --check-first --jobs --no-bulk --server-timeout --commit-every --convert --rejects --quiet --format --help -h' ;;
    'import-status') echo '--file -f --format --help -h' ;;
    'migrate') echo '--locations --target-version --info --repair --format --help -h' ;;
    'peek') echo '--limit --on --format --help -h' ;;
    'plan') echo '--file -f --format --help -h' ;;
    'quit') echo '--help -h' ;;
    'restore') echo '--backup --path --skip-db --skip-media --media --clear --overwrite-media --allow-version-mismatch --passphrase-env --format --help -h' ;;
    'status') echo '--format --help -h' ;;
    'sync') echo '--tables --exclude --dry-run --delete --no-delete --retry-failed --full --batch-size --journal --quiet --format --help -h' ;;
    'tables') echo '--on --counts --format --help -h' ;;
    'validate-encoding') echo '--file -f --on --against --tables --format --help -h' ;;
    'verify') echo '--file -f --tables --diff --limit --quiet --format --help -h' ;;
  esac
}

# the options of a command that take a value
_dbferry_valued() {
  case $1 in
    'backup') echo '--on --path --label --media --keep --passphrase-env --format' ;;
    'backups') echo '--path --format' ;;
    'clear') echo '' ;;
    'connect') echo '--user --password-env --format' ;;
    'copy-records') echo '--tables --exclude --where --jobs --batch-size --commit-every --journal --server-timeout --format' ;;
    'copy-schema') echo '--tables --map --collation --objects-file --format' ;;
    'count') echo '--on --format' ;;
    'demo create') echo '--target --media --scale --password-env --format' ;;
    'describe') echo '--on --format' ;;
    'disconnect') echo '--format' ;;
    'exit') echo '' ;;
    'export-records') echo '--file -f --tables --exclude --where --format' ;;
    'fix-encoding') echo '--file -f --output -o --strategy --tables --replacement --charset --format' ;;
    'help') echo '' ;;
    'import-records') echo '--file -f --tables --batch-size --jobs --server-timeout --commit-every --convert --format' ;;
    'import-status') echo '--file -f --format' ;;
    'migrate') echo '--locations --target-version --format' ;;
    'peek') echo '--limit --on --format' ;;
    'plan') echo '--file -f --format' ;;
    'quit') echo '' ;;
    'restore') echo '--backup --path --media --passphrase-env --format' ;;
    'status') echo '--format' ;;
    'sync') echo '--tables --exclude --batch-size --journal --format' ;;
    'tables') echo '--on --format' ;;
    'validate-encoding') echo '--file -f --on --against --tables --format' ;;
    'verify') echo '--file -f --tables --limit --format' ;;
  esac
}

# what a value completes to: words, @files, @dirs or nothing; $2 is an option or @N, the Nth positional
_dbferry_values() {
  case "$1 $2" in
    'backup --on') echo 'source target' ;;
    'backup --path') echo '@dirs' ;;
    'backup --media') echo '@dirs' ;;
    'backup --format') echo 'text json' ;;
    'backups --path') echo '@dirs' ;;
    'backups --format') echo 'text json' ;;
    'connect --side'|'connect @0') echo 'source target' ;;
    'connect --format') echo 'text json' ;;
    'copy-records --journal') echo '@files' ;;
    'copy-records --format') echo 'text json' ;;
    'copy-schema --objects-file') echo '@files' ;;
    'copy-schema --format') echo 'text json' ;;
    'count --on') echo 'source target' ;;
    'count --format') echo 'text json' ;;
    'demo create --media') echo '@dirs' ;;
    'demo create --format') echo 'text json' ;;
    'describe --on') echo 'source target' ;;
    'describe --format') echo 'text json' ;;
    'disconnect --side'|'disconnect @0') echo 'source target' ;;
    'disconnect --format') echo 'text json' ;;
    'export-records --file'|'export-records -f') echo '@files' ;;
    'export-records --format') echo 'text json' ;;
    'fix-encoding --file'|'fix-encoding -f') echo '@files' ;;
    'fix-encoding --output'|'fix-encoding -o') echo '@files' ;;
    'fix-encoding --strategy') echo 'repair-mojibake strip-nul transliterate replace truncate' ;;
    'fix-encoding --format') echo 'text json' ;;
    'import-records --file'|'import-records -f') echo '@files' ;;
    'import-records --convert') echo 'zero-date-to-null invalid-to-null bytes-to-hex text-to-number-or-null epoch-to-timestamp infinity-to-null decimal-to-real repair-mojibake strip-nul transliterate replace truncate' ;;
    'import-records --format') echo 'text json' ;;
    'import-status --file'|'import-status -f') echo '@files' ;;
    'import-status --format') echo 'text json' ;;
    'migrate --format') echo 'text json' ;;
    'peek --on') echo 'source target' ;;
    'peek --format') echo 'text json' ;;
    'plan --file'|'plan -f') echo '@files' ;;
    'plan --format') echo 'text json' ;;
    'restore --path') echo '@dirs' ;;
    'restore --media') echo '@dirs' ;;
    'restore --format') echo 'text json' ;;
    'status --format') echo 'text json' ;;
    'sync --journal') echo '@files' ;;
    'sync --format') echo 'text json' ;;
    'tables --on') echo 'source target' ;;
    'tables --format') echo 'text json' ;;
    'validate-encoding --file'|'validate-encoding -f') echo '@files' ;;
    'validate-encoding --on') echo 'source target' ;;
    'validate-encoding --against') echo 'source target' ;;
    'validate-encoding --format') echo 'text json' ;;
    'verify --file'|'verify -f') echo '@files' ;;
    'verify --format') echo 'text json' ;;
  esac
}

_dbferry_files() {
  compopt -o filenames 2>/dev/null
  COMPREPLY=( $(compgen -f -- "$1") )
}

_dbferry() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} i=1 w
  COMPREPLY=()
  # the launcher's flags come first
  while (( i < COMP_CWORD )); do
    case ${COMP_WORDS[i]} in
      -f|--file|--config) (( i += 2 )) ;;
      -*) (( i++ )) ;;
      *) break ;;
    esac
  done
  if (( i >= COMP_CWORD )); then
    case $prev in
      -f|--file|--config) _dbferry_files "$cur"; return ;;
    esac
    if [[ $cur == -* ]]; then
      COMPREPLY=( $(compgen -W '--file -f --continue-on-error --config --help -h --version -V' -- "$cur") )
    else
      COMPREPLY=( $(compgen -W "$_dbferry_commands" -- "$cur") )
    fi
    return
  fi
  local cmd=${COMP_WORDS[i]}
  (( i++ ))
  local sub=_dbferry_sub_${cmd//-/_}
  if [[ -n ${!sub-} ]]; then
    if (( i == COMP_CWORD )); then
      COMPREPLY=( $(compgen -W "${!sub}" -- "$cur") )
      return
    fi
    cmd="$cmd ${COMP_WORDS[i]}"
    (( i++ ))
  fi
  local valued=" $(_dbferry_valued "$cmd") " pos=0 values
  while (( i < COMP_CWORD )); do
    w=${COMP_WORDS[i]}
    if [[ $w == -* ]]; then
      [[ $valued == *" $w "* ]] && (( i++ ))
    else
      (( pos++ ))
    fi
    (( i++ ))
  done
  if (( i > COMP_CWORD )); then
    values=$(_dbferry_values "$cmd" "$prev")
  elif [[ $cur == -* ]]; then
    COMPREPLY=( $(compgen -W "$(_dbferry_options "$cmd")" -- "$cur") )
    return
  else
    values=$(_dbferry_values "$cmd" "@$pos")
  fi
  case $values in
    @files) _dbferry_files "$cur" ;;
    @dirs) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -d -- "$cur") ) ;;
    ?*) COMPREPLY=( $(compgen -W "$values" -- "$cur") ) ;;
  esac
}

complete -F _dbferry dbferry bin/dbferry ./bin/dbferry
