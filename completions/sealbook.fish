# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_sealbook_global_optspecs
    string join \n vault= json q/quiet no-progress passphrase-file= passphrase-command= key-file= region= as= h/help V/version
end

function __fish_sealbook_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_sealbook_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_sealbook_using_subcommand
    set -l cmd (__fish_sealbook_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c sealbook -n "__fish_sealbook_needs_command" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_needs_command" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_needs_command" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_needs_command" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_needs_command" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_needs_command" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_needs_command" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_needs_command" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_needs_command" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbook -n "__fish_sealbook_needs_command" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "init" -d 'Create a new vault'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "info" -d 'Show the vault\'s id (as backup archive names carry it), size and last change; needs no passphrase'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "add" -d 'Add a customer and print its code'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "show" -d 'Show one customer, every field'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "list" -d 'List customers as a table'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "search" -d 'Find customers: exact on e-mail, phone, national id, account, code and tag; otherwise by substring, ignoring case, accents and digit script'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "edit" -d 'Change a customer\'s fields'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "erase" -d 'Irreversibly remove a customer'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "import" -d 'Add many customers from a CSV, JSON or JSON Lines file, all or nothing'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "export" -d 'Write customers out as CSV, JSON or JSON Lines, plain or pseudonymised'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "backup" -d 'Write an encrypted backup archive; needs no vault passphrase'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "restore" -d 'Decrypt, check and install a backup archive'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "verify" -d 'Check the vault (every seal and index) or a backup archive'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "redact" -d 'Remove personal data from files (works without a vault)'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "passwd" -d 'Change the passphrase (rewraps the key; nothing is re-sealed)'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "rekey" -d 'Rotate the master key: every field, index and audit entry re-sealed at once'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "key" -d 'Manage keyslots: passphrases, key files and recovery keys that open the vault'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "audit" -d 'Show the tamper-evident log of who did what (never personal data)'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "staff" -d 'Manage the staff: employees with their own passphrase, who see only their own customers (staff) or every customer (managers)'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "reassign" -d 'Hand customers over to another employee (owner or manager)'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "purge" -d 'Erase every customer whose retain-until date has passed'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "pseudonymise" -d 'Replace the vault\'s customers in files with their codes, and back with --reverse'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "unlock" -d 'Keep the vault unlocked for your next commands (any terminal of yours), until `sealbook lock` or the idle timeout'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "lock" -d 'Forget the key an earlier `unlock` kept'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "status" -d 'Say whether the vault is unlocked, and until when'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "agent" -d 'The background agent that `unlock` starts (not for direct use)'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "man" -d 'Print the man page (roff)'
complete -c sealbook -n "__fish_sealbook_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sealbook -n "__fish_sealbook_using_subcommand init" -l kdf-memory -d 'Argon2id memory in MiB [default: calibrated to about 0.5 s, at least 64]' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand init" -l kdf-iterations -d 'Argon2id iterations [default: 3]' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand init" -l kdf-parallelism -d 'Argon2id lanes [default: 4]' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand init" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand init" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand init" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand init" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand init" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand init" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand init" -l allow-weak-passphrase -d 'Accept a passphrase that is easy to guess'
complete -c sealbook -n "__fish_sealbook_using_subcommand init" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand init" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand init" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand init" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand init" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand info" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand info" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand info" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand info" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand info" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand info" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand info" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand info" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand info" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand info" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand info" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -l name -d 'Full name' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -l email -d 'E-mail address' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -l phone -d 'Phone number; national forms need --region' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -l address -d 'Postal address' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -l company -d 'Company name' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -l national-id -d 'National id (PESEL, rodné číslo, SNILS, کد ملی, ...)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -l account -d 'Bank account (IBANs are checked) or card reference' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -l note -d 'Free-text note' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -l owner -d 'Who in the business looks after this customer' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -l retain-until -d 'Date after which `purge` erases the customer (YYYY-MM-DD)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -l field -d 'Custom field, KEY=VALUE (repeatable)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -l tag -d 'Tag (repeatable)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -l force -d 'Keep a national id that fails its scheme\'s check digit, or a retain-until date that has passed'
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand add" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand show" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand show" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand show" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand show" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand show" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand show" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand show" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand show" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand show" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand show" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand show" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand list" -l tag -d 'Only customers with this tag' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand list" -l owner -d 'Only customers looked after by this owner' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand list" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand list" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand list" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand list" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand list" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand list" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand list" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand list" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand list" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand list" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand list" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand search" -l in -d 'Search only this field' -r -f -a "code\t''
name\t''
email\t''
phone\t''
address\t''
company\t''
national-id\t''
account\t''
notes\t''
tags\t''
fields\t''
owner\t''"
complete -c sealbook -n "__fish_sealbook_using_subcommand search" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand search" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand search" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand search" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand search" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand search" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand search" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand search" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand search" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand search" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand search" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l name -d 'New full name' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l email -d 'E-mail address' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l phone -d 'Phone number; national forms need --region' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l address -d 'Postal address' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l company -d 'Company name' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l national-id -d 'National id (PESEL, rodné číslo, SNILS, کد ملی, ...)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l account -d 'Bank account (IBANs are checked) or card reference' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l note -d 'Free-text note' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l owner -d 'Who in the business looks after this customer' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l retain-until -d 'Date after which `purge` erases the customer (YYYY-MM-DD)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l field -d 'Custom field, KEY=VALUE (repeatable)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l add-tag -d 'Add a tag (repeatable)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l remove-tag -d 'Remove a tag (repeatable)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l unset-field -d 'Remove a custom field (repeatable)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l clear -d 'Clear a field: email, phone, address, company, national-id, account, note, owner or retain-until (repeatable)' -r -f -a "email\t''
phone\t''
address\t''
company\t''
national-id\t''
account\t''
note\t''
owner\t''
retain-until\t''"
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l force -d 'Keep a national id that fails its scheme\'s check digit, or a retain-until date that has passed'
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand edit" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand erase" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand erase" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand erase" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand erase" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand erase" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand erase" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand erase" -s y -l yes -d 'Do not ask for confirmation (needed when there is no terminal)'
complete -c sealbook -n "__fish_sealbook_using_subcommand erase" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand erase" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand erase" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand erase" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand erase" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand import" -l format -d 'The file\'s format [default: from its extension, else from its first bytes]' -r -f -a "csv\t''
json\t''
jsonl\t''
vcard\t''"
complete -c sealbook -n "__fish_sealbook_using_subcommand import" -l encoding -d 'The file\'s text encoding, e.g. windows-1250 (cp1250), windows-1251, windows-1256, utf-16le [default: detected: UTF-8 or UTF-16 by their marks, else the Windows code page the text reads best in]' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand import" -l delimiter -d 'The CSV delimiter: `,`, `;` or `tab` [default: the one the header line uses]' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand import" -l on-duplicate -d 'What to do with a row that matches a customer already in the vault (see --match). `update` changes only the fields the row carries: empty cells keep what is stored, tags are added, custom fields merge by key' -r -f -a "error\t'The row is an error, and nothing is imported'
skip\t'The row is left out'
update\t'The existing customer takes the values the row carries; empty cells keep what is stored, tags are added, custom fields merge by key'"
complete -c sealbook -n "__fish_sealbook_using_subcommand import" -l match -d 'Which values match a row to an existing customer, in order of preference. Phones are not matched unless named: people who share one are still two customers. A row whose values match two different customers is an error' -r -f -a "email\t''
phone\t''
national-id\t''
account\t''"
complete -c sealbook -n "__fish_sealbook_using_subcommand import" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand import" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand import" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand import" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand import" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand import" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand import" -l force -d 'Keep national ids that fail their scheme\'s check digit, and retain-until dates that have passed, as the file has them'
complete -c sealbook -n "__fish_sealbook_using_subcommand import" -l dry-run -d 'Check every row and report what would happen, but write nothing'
complete -c sealbook -n "__fish_sealbook_using_subcommand import" -l strict -d 'A column that is no known field is an error, not a custom field'
complete -c sealbook -n "__fish_sealbook_using_subcommand import" -l replace-tags -d 'With --on-duplicate update, the row\'s tags replace the customer\'s instead of being added to them'
complete -c sealbook -n "__fish_sealbook_using_subcommand import" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand import" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand import" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbook -n "__fish_sealbook_using_subcommand import" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -l format -d 'Output format [default: from --output\'s extension, else csv]' -r -f -a "csv\t''
json\t''
jsonl\t''
vcard\t''"
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -s o -l output -d 'Write to this file (created 0600) instead of standard output' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -l fields -d 'Only these columns, comma-separated (e.g. code,name,email)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -l tag -d 'Only customers with this tag' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -l owner -d 'Only customers looked after by this owner' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -l search -d 'Only customers that `sealbook search QUERY` finds' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -l subject -d 'Everything the vault holds about one customer, as JSON (a subject access request)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -l force -d 'Replace an existing --output file'
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -l pseudonymise -d 'Replace every personal value, the code, each tag and each custom field\'s name with a keyed token (same value, same token); dates keep only their month'
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -l unlinkable -d 'With --pseudonymise: use a fresh key, so tokens match no other export'
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -l allow-formulas -d 'CSV only: write cells that start with = + - @ tab or carriage return as they are. By default they get a leading \' so a spreadsheet shows them as text instead of running them as formulas; import removes that \' again'
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -l excel -d 'For spreadsheets: CSV with a UTF-8 byte-order mark, `;` between cells where your region or locale writes decimals with a comma, and each custom field in a column of its own (`field:vat`)'
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand export" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand backup" -l to -d 'Directory to write the archive into (sealbook-VAULTID-YYYYMMDDTHHMMSSZ.age)' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand backup" -s r -l recipient -d 'Encrypt to this age recipient, age1… (repeatable)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand backup" -s R -l recipients-file -d 'Encrypt to the recipients listed in this file, one per line (repeatable)' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand backup" -l archive-passphrase-file -d 'With --passphrase: read the archive passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand backup" -l work-factor -d 'scrypt work factor (log2 N) for --passphrase archives' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand backup" -l keep -d 'After writing, keep the newest N archives of this vault in DIR and delete its older ones (other vaults\' archives and other files are never touched)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand backup" -l keep-daily -d 'Keep the newest archive of each of the last N days that have one' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand backup" -l keep-weekly -d 'Keep the newest archive of each of the last N ISO weeks that have one' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand backup" -l keep-monthly -d 'Keep the newest archive of each of the last N months that have one' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand backup" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand backup" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand backup" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand backup" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand backup" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand backup" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand backup" -l passphrase -d 'Encrypt with a passphrase instead (age scrypt), read from --archive-passphrase-file, SEALBOOK_BACKUP_PASSPHRASE_FILE or the terminal'
complete -c sealbook -n "__fish_sealbook_using_subcommand backup" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand backup" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand backup" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand backup" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand backup" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand restore" -s i -l identity -d 'age identity file (from age-keygen) that opens the archive (repeatable)' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand restore" -l archive-passphrase-file -d 'With --passphrase: read the archive passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand restore" -l to -d 'Where to install the vault [default: the --vault path]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand restore" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand restore" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand restore" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand restore" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand restore" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand restore" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand restore" -l passphrase -d 'The archive was encrypted with a passphrase: read it from --archive-passphrase-file, SEALBOOK_BACKUP_PASSPHRASE_FILE or the terminal'
complete -c sealbook -n "__fish_sealbook_using_subcommand restore" -l force -d 'Replace an existing vault, keeping it as VAULT.before-restore'
complete -c sealbook -n "__fish_sealbook_using_subcommand restore" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand restore" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand restore" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand restore" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand restore" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand verify" -s i -l identity -d 'age identity file (from age-keygen) that opens the archive (repeatable)' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand verify" -l archive-passphrase-file -d 'With --passphrase: read the archive passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand verify" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand verify" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand verify" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand verify" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand verify" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand verify" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand verify" -l passphrase -d 'The archive was encrypted with a passphrase: read it from --archive-passphrase-file, SEALBOOK_BACKUP_PASSPHRASE_FILE or the terminal'
complete -c sealbook -n "__fish_sealbook_using_subcommand verify" -l full -d 'With ARCHIVE: also unlock the archived vault and open every seal in it (automatic when a vault passphrase source is set)'
complete -c sealbook -n "__fish_sealbook_using_subcommand verify" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand verify" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand verify" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand verify" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand verify" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -s o -l output -d 'Where to write: a file, or a directory mirrored file by file [default: standard output, for one file]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -l only -d 'Look only for these kinds (comma-separated)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -l skip -d 'Do not look for these kinds (comma-separated)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -l regions -d 'Regions whose national phone formats are found without a keyword (comma-separated two-letter codes; default PL,CZ,RU,IR,DE,GB,US plus --region). Numbers of other regions are found after a phone keyword or with an international prefix' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -l style -d 'How to replace what is found' -r -f -a "label\t'`[EMAIL]`, `[CARD]`, `[PL_PESEL]`...'
mask\t'Every letter and digit becomes `*`; cards and IBANs keep their last four digits'"
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -l report -d 'Write a JSON report of what was found where (never the values); - for stdout' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -l in-place -d 'Replace each file with its redacted version (atomically, permissions kept)'
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -l check -d 'Write nothing; exit 6 when anything is found, 0 when clean'
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -l known-customers -d 'Also find the vault\'s own customers by name, e-mail, phone, national id and account (unlocks the vault)'
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -l force -d 'Replace output files (-o, --report) that exist already'
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -l skip-unsupported -d 'Files that cannot be read or rewritten (binary, unreadable, not a regular file) are listed but do not make the run fail'
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbook -n "__fish_sealbook_using_subcommand redact" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand passwd" -l new-passphrase-file -d 'Read the new passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand passwd" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand passwd" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand passwd" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand passwd" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand passwd" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand passwd" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand passwd" -l allow-weak-passphrase -d 'Accept a new passphrase that is easy to guess'
complete -c sealbook -n "__fish_sealbook_using_subcommand passwd" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand passwd" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand passwd" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand passwd" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand passwd" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand rekey" -l keep-slot -d 'Keep this keyslot (see `sealbook key list`) under the new key. Its passphrase or recovery key is asked for on the terminal, or read from the first line of FILE with SLOT=FILE; a slot that needs a key file uses --key-file (repeatable)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand rekey" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand rekey" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand rekey" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand rekey" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand rekey" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand rekey" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand rekey" -l new-recovery -d 'Print a new recovery key (a new slot under the new master key), e.g. to replace a paper recovery key that is dropped'
complete -c sealbook -n "__fish_sealbook_using_subcommand rekey" -s y -l yes -d 'Rekey even though slots not kept will be dropped'
complete -c sealbook -n "__fish_sealbook_using_subcommand rekey" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand rekey" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand rekey" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand rekey" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand rekey" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and not __fish_seen_subcommand_from list add remove help" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and not __fish_seen_subcommand_from list add remove help" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and not __fish_seen_subcommand_from list add remove help" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and not __fish_seen_subcommand_from list add remove help" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and not __fish_seen_subcommand_from list add remove help" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and not __fish_seen_subcommand_from list add remove help" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and not __fish_seen_subcommand_from list add remove help" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and not __fish_seen_subcommand_from list add remove help" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and not __fish_seen_subcommand_from list add remove help" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and not __fish_seen_subcommand_from list add remove help" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and not __fish_seen_subcommand_from list add remove help" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and not __fish_seen_subcommand_from list add remove help" -f -a "list" -d 'List the keyslots'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and not __fish_seen_subcommand_from list add remove help" -f -a "add" -d 'Add a keyslot: a passphrase (with --key-file, a new key file too), or --recovery'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and not __fish_seen_subcommand_from list add remove help" -f -a "remove" -d 'Remove a keyslot (never the last one, nor the one in use)'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and not __fish_seen_subcommand_from list add remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from list" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from list" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from list" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from list" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from list" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from add" -l label -d 'A name for the slot, shown by `key list`' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from add" -l unlock-key-file -d 'The key file of the slot that unlocks the vault for this command' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from add" -l new-passphrase-file -d 'Read the new passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from add" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from add" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from add" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from add" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from add" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from add" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from add" -l recovery -d 'Print a new recovery key once, to write on paper; it opens the vault wherever a passphrase is accepted'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from add" -l no-key-file -d 'The new slot needs no key file, even though the slot you unlock with does (by default a new passphrase slot then needs that same key file too)'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from add" -l allow-weak-passphrase -d 'Accept a new passphrase that is easy to guess'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from add" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from add" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from remove" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from remove" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from remove" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from remove" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from remove" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from remove" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from remove" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from remove" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the keyslots'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a keyslot: a passphrase (with --key-file, a new key file too), or --recovery'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a keyslot (never the last one, nor the one in use)'
complete -c sealbook -n "__fish_sealbook_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sealbook -n "__fish_sealbook_using_subcommand audit" -l customer -d 'Only entries about this customer code' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand audit" -l last -d 'Only the newest N entries' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand audit" -l staff -d 'Only entries of this employee ("owner" for the owner\'s own)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand audit" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand audit" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand audit" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand audit" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand audit" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand audit" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand audit" -l verify -d 'Check every entry\'s MAC and the entry count; exit 5 naming the first bad entry'
complete -c sealbook -n "__fish_sealbook_using_subcommand audit" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand audit" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand audit" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand audit" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand audit" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and not __fish_seen_subcommand_from add list remove help" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and not __fish_seen_subcommand_from add list remove help" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and not __fish_seen_subcommand_from add list remove help" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and not __fish_seen_subcommand_from add list remove help" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and not __fish_seen_subcommand_from add list remove help" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and not __fish_seen_subcommand_from add list remove help" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and not __fish_seen_subcommand_from add list remove help" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and not __fish_seen_subcommand_from add list remove help" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and not __fish_seen_subcommand_from add list remove help" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and not __fish_seen_subcommand_from add list remove help" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and not __fish_seen_subcommand_from add list remove help" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and not __fish_seen_subcommand_from add list remove help" -f -a "add" -d 'Put an employee on the staff (owner only); they type their own passphrase at this terminal, or it is read from --new-passphrase-file'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and not __fish_seen_subcommand_from add list remove help" -f -a "list" -d 'List the staff: roles, customers held, last activity'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and not __fish_seen_subcommand_from add list remove help" -f -a "remove" -d 'An employee\'s departure (owner only): their customers go to another employee, their slot is removed, and nothing written afterwards opens with their keys'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and not __fish_seen_subcommand_from add list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from add" -l role -d 'What they may do' -r -f -a "staff\t'Sees and edits only their own customers; records national ids and accounts without reading them'
manager\t'Sees every customer and field; reassigns and erases customers'"
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from add" -l employee-key-file -d 'An existing key file the employee\'s slot requires besides their passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from add" -l new-passphrase-file -d 'Read the new passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from add" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from add" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from add" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from add" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from add" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from add" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from add" -l allow-weak-passphrase -d 'Accept a new passphrase that is easy to guess'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from add" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from add" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from list" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from list" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from list" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from list" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from list" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from remove" -l reassign-to -d 'Who takes over their customers ("owner" for the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from remove" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from remove" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from remove" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from remove" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from remove" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from remove" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from remove" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from remove" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from help" -f -a "add" -d 'Put an employee on the staff (owner only); they type their own passphrase at this terminal, or it is read from --new-passphrase-file'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the staff: roles, customers held, last activity'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from help" -f -a "remove" -d 'An employee\'s departure (owner only): their customers go to another employee, their slot is removed, and nothing written afterwards opens with their keys'
complete -c sealbook -n "__fish_sealbook_using_subcommand staff; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sealbook -n "__fish_sealbook_using_subcommand reassign" -l from -d 'Hand over every customer of this employee' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand reassign" -l to -d 'The employee who takes them over ("owner" for the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand reassign" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand reassign" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand reassign" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand reassign" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand reassign" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand reassign" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand reassign" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand reassign" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand reassign" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand reassign" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand reassign" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand purge" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand purge" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand purge" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand purge" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand purge" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand purge" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand purge" -l dry-run -d 'List who would be erased, and erase nobody'
complete -c sealbook -n "__fish_sealbook_using_subcommand purge" -s y -l yes -d 'Erase without asking (needed when there is no terminal)'
complete -c sealbook -n "__fish_sealbook_using_subcommand purge" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand purge" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand purge" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand purge" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand purge" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand pseudonymise" -s o -l output -d 'Where to write: a file, or a directory mirrored file by file [default: standard output, for one file]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand pseudonymise" -l token -d 'How tokens are written; {code} and {field} are filled in' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand pseudonymise" -l report -d 'Write a JSON report of what was replaced where (never the values); - for stdout' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand pseudonymise" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand pseudonymise" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand pseudonymise" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand pseudonymise" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand pseudonymise" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand pseudonymise" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand pseudonymise" -l in-place -d 'Replace each file with its rewritten version (atomically, permissions kept)'
complete -c sealbook -n "__fish_sealbook_using_subcommand pseudonymise" -l reverse -d 'Put the identities back: replace tokens with the vault\'s current values'
complete -c sealbook -n "__fish_sealbook_using_subcommand pseudonymise" -l force -d 'Replace output files (-o, --report) that exist already'
complete -c sealbook -n "__fish_sealbook_using_subcommand pseudonymise" -l skip-unsupported -d 'Files that cannot be read or rewritten (binary, unreadable, not a regular file) are listed but do not make the run fail'
complete -c sealbook -n "__fish_sealbook_using_subcommand pseudonymise" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand pseudonymise" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand pseudonymise" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand pseudonymise" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbook -n "__fish_sealbook_using_subcommand pseudonymise" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand unlock" -l timeout -d 'Lock again after this long without use: 90s, 15m, 2h (at most 24h)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand unlock" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand unlock" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand unlock" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand unlock" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand unlock" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand unlock" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand unlock" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand unlock" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand unlock" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand unlock" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand unlock" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand lock" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand lock" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand lock" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand lock" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand lock" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand lock" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand lock" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand lock" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand lock" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand lock" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand lock" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand status" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand status" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand status" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand status" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand status" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand status" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand status" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand status" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand status" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand status" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand status" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand agent" -l socket -d 'The socket to listen on' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand agent" -l idle-seconds -d 'Seconds without use before the agent locks' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand agent" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand agent" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand agent" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand agent" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand agent" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand agent" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand agent" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand agent" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand agent" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand agent" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand agent" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand completions" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand completions" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand completions" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand completions" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand completions" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand completions" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand completions" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand completions" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand completions" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand completions" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand completions" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand man" -l vault -d 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand man" -l passphrase-file -d 'Read the passphrase from the first line of this file' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand man" -l passphrase-command -d 'Run this shell command and read the passphrase from its output' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand man" -l key-file -d 'A key file that the vault requires together with the passphrase' -r -F
complete -c sealbook -n "__fish_sealbook_using_subcommand man" -l region -d 'Default country for phone numbers written without +, e.g. PL' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand man" -l as -d 'Unlock as this employee on the staff, with their own passphrase (default: the owner)' -r
complete -c sealbook -n "__fish_sealbook_using_subcommand man" -l json -d 'Print machine-readable JSON on stdout'
complete -c sealbook -n "__fish_sealbook_using_subcommand man" -s q -l quiet -d 'Print nothing but results and errors'
complete -c sealbook -n "__fish_sealbook_using_subcommand man" -l no-progress -d 'Never draw progress bars'
complete -c sealbook -n "__fish_sealbook_using_subcommand man" -s h -l help -d 'Print help'
complete -c sealbook -n "__fish_sealbook_using_subcommand man" -s V -l version -d 'Print version'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "init" -d 'Create a new vault'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "info" -d 'Show the vault\'s id (as backup archive names carry it), size and last change; needs no passphrase'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "add" -d 'Add a customer and print its code'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "show" -d 'Show one customer, every field'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "list" -d 'List customers as a table'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "search" -d 'Find customers: exact on e-mail, phone, national id, account, code and tag; otherwise by substring, ignoring case, accents and digit script'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "edit" -d 'Change a customer\'s fields'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "erase" -d 'Irreversibly remove a customer'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "import" -d 'Add many customers from a CSV, JSON or JSON Lines file, all or nothing'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "export" -d 'Write customers out as CSV, JSON or JSON Lines, plain or pseudonymised'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "backup" -d 'Write an encrypted backup archive; needs no vault passphrase'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "restore" -d 'Decrypt, check and install a backup archive'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "verify" -d 'Check the vault (every seal and index) or a backup archive'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "redact" -d 'Remove personal data from files (works without a vault)'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "passwd" -d 'Change the passphrase (rewraps the key; nothing is re-sealed)'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "rekey" -d 'Rotate the master key: every field, index and audit entry re-sealed at once'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "key" -d 'Manage keyslots: passphrases, key files and recovery keys that open the vault'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "audit" -d 'Show the tamper-evident log of who did what (never personal data)'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "staff" -d 'Manage the staff: employees with their own passphrase, who see only their own customers (staff) or every customer (managers)'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "reassign" -d 'Hand customers over to another employee (owner or manager)'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "purge" -d 'Erase every customer whose retain-until date has passed'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "pseudonymise" -d 'Replace the vault\'s customers in files with their codes, and back with --reverse'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "unlock" -d 'Keep the vault unlocked for your next commands (any terminal of yours), until `sealbook lock` or the idle timeout'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "lock" -d 'Forget the key an earlier `unlock` kept'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "status" -d 'Say whether the vault is unlocked, and until when'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "agent" -d 'The background agent that `unlock` starts (not for direct use)'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "completions" -d 'Print shell completions'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "man" -d 'Print the man page (roff)'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and not __fish_seen_subcommand_from init info add show list search edit erase import export backup restore verify redact passwd rekey key audit staff reassign purge pseudonymise unlock lock status agent completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "list" -d 'List the keyslots'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "add" -d 'Add a keyslot: a passphrase (with --key-file, a new key file too), or --recovery'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "remove" -d 'Remove a keyslot (never the last one, nor the one in use)'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and __fish_seen_subcommand_from staff" -f -a "add" -d 'Put an employee on the staff (owner only); they type their own passphrase at this terminal, or it is read from --new-passphrase-file'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and __fish_seen_subcommand_from staff" -f -a "list" -d 'List the staff: roles, customers held, last activity'
complete -c sealbook -n "__fish_sealbook_using_subcommand help; and __fish_seen_subcommand_from staff" -f -a "remove" -d 'An employee\'s departure (owner only): their customers go to another employee, their slot is removed, and nothing written afterwards opens with their keys'
