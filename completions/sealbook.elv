
use builtin;
use str;

set edit:completion:arg-completer[sealbook] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'sealbook'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'sealbook'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create a new vault'
            cand info 'Show the vault''s id (as backup archive names carry it), size and last change; needs no passphrase'
            cand add 'Add a customer and print its code'
            cand show 'Show one customer, every field'
            cand list 'List customers as a table'
            cand search 'Find customers: exact on e-mail, phone, national id, account, code and tag; otherwise by substring, ignoring case, accents and digit script'
            cand edit 'Change a customer''s fields'
            cand erase 'Irreversibly remove a customer'
            cand import 'Add many customers from a CSV, JSON or JSON Lines file, all or nothing'
            cand export 'Write customers out as CSV, JSON or JSON Lines, plain or pseudonymised'
            cand backup 'Write an encrypted backup archive; needs no vault passphrase'
            cand restore 'Decrypt, check and install a backup archive'
            cand verify 'Check the vault (every seal and index) or a backup archive'
            cand redact 'Remove personal data from files (works without a vault)'
            cand passwd 'Change the passphrase (rewraps the key; nothing is re-sealed)'
            cand rekey 'Rotate the master key: every field, index and audit entry re-sealed at once'
            cand key 'Manage keyslots: passphrases, key files and recovery keys that open the vault'
            cand audit 'Show the tamper-evident log of who did what (never personal data)'
            cand staff 'Manage the staff: employees with their own passphrase, who see only their own customers (staff) or every customer (managers)'
            cand reassign 'Hand customers over to another employee (owner or manager)'
            cand purge 'Erase every customer whose retain-until date has passed'
            cand pseudonymise 'Replace the vault''s customers in files with their codes, and back with --reverse'
            cand unlock 'Keep the vault unlocked for your next commands (any terminal of yours), until `sealbook lock` or the idle timeout'
            cand lock 'Forget the key an earlier `unlock` kept'
            cand status 'Say whether the vault is unlocked, and until when'
            cand agent 'The background agent that `unlock` starts (not for direct use)'
            cand completions 'Print shell completions'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sealbook;init'= {
            cand --kdf-memory 'Argon2id memory in MiB [default: calibrated to about 0.5 s, at least 64]'
            cand --kdf-iterations 'Argon2id iterations [default: 3]'
            cand --kdf-parallelism 'Argon2id lanes [default: 4]'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --allow-weak-passphrase 'Accept a passphrase that is easy to guess'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;info'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;add'= {
            cand --name 'Full name'
            cand --email 'E-mail address'
            cand --phone 'Phone number; national forms need --region'
            cand --address 'Postal address'
            cand --company 'Company name'
            cand --national-id 'National id (PESEL, rodné číslo, SNILS, کد ملی, ...)'
            cand --account 'Bank account (IBANs are checked) or card reference'
            cand --note 'Free-text note'
            cand --owner 'Who in the business looks after this customer'
            cand --retain-until 'Date after which `purge` erases the customer (YYYY-MM-DD)'
            cand --field 'Custom field, KEY=VALUE (repeatable)'
            cand --tag 'Tag (repeatable)'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --force 'Keep a national id that fails its scheme''s check digit, or a retain-until date that has passed'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;show'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;list'= {
            cand --tag 'Only customers with this tag'
            cand --owner 'Only customers looked after by this owner'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;search'= {
            cand --in 'Search only this field'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;edit'= {
            cand --name 'New full name'
            cand --email 'E-mail address'
            cand --phone 'Phone number; national forms need --region'
            cand --address 'Postal address'
            cand --company 'Company name'
            cand --national-id 'National id (PESEL, rodné číslo, SNILS, کد ملی, ...)'
            cand --account 'Bank account (IBANs are checked) or card reference'
            cand --note 'Free-text note'
            cand --owner 'Who in the business looks after this customer'
            cand --retain-until 'Date after which `purge` erases the customer (YYYY-MM-DD)'
            cand --field 'Custom field, KEY=VALUE (repeatable)'
            cand --add-tag 'Add a tag (repeatable)'
            cand --remove-tag 'Remove a tag (repeatable)'
            cand --unset-field 'Remove a custom field (repeatable)'
            cand --clear 'Clear a field: email, phone, address, company, national-id, account, note, owner or retain-until (repeatable)'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --force 'Keep a national id that fails its scheme''s check digit, or a retain-until date that has passed'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;erase'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand -y 'Do not ask for confirmation (needed when there is no terminal)'
            cand --yes 'Do not ask for confirmation (needed when there is no terminal)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;import'= {
            cand --format 'The file''s format [default: from its extension, else from its first bytes]'
            cand --encoding 'The file''s text encoding, e.g. windows-1250 (cp1250), windows-1251, windows-1256, utf-16le [default: detected: UTF-8 or UTF-16 by their marks, else the Windows code page the text reads best in]'
            cand --delimiter 'The CSV delimiter: `,`, `;` or `tab` [default: the one the header line uses]'
            cand --on-duplicate 'What to do with a row that matches a customer already in the vault (see --match). `update` changes only the fields the row carries: empty cells keep what is stored, tags are added, custom fields merge by key'
            cand --match 'Which values match a row to an existing customer, in order of preference. Phones are not matched unless named: people who share one are still two customers. A row whose values match two different customers is an error'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --force 'Keep national ids that fail their scheme''s check digit, and retain-until dates that have passed, as the file has them'
            cand --dry-run 'Check every row and report what would happen, but write nothing'
            cand --strict 'A column that is no known field is an error, not a custom field'
            cand --replace-tags 'With --on-duplicate update, the row''s tags replace the customer''s instead of being added to them'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;export'= {
            cand --format 'Output format [default: from --output''s extension, else csv]'
            cand -o 'Write to this file (created 0600) instead of standard output'
            cand --output 'Write to this file (created 0600) instead of standard output'
            cand --fields 'Only these columns, comma-separated (e.g. code,name,email)'
            cand --tag 'Only customers with this tag'
            cand --owner 'Only customers looked after by this owner'
            cand --search 'Only customers that `sealbook search QUERY` finds'
            cand --subject 'Everything the vault holds about one customer, as JSON (a subject access request)'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --force 'Replace an existing --output file'
            cand --pseudonymise 'Replace every personal value, the code, each tag and each custom field''s name with a keyed token (same value, same token); dates keep only their month'
            cand --unlinkable 'With --pseudonymise: use a fresh key, so tokens match no other export'
            cand --allow-formulas 'CSV only: write cells that start with = + - @ tab or carriage return as they are. By default they get a leading '' so a spreadsheet shows them as text instead of running them as formulas; import removes that '' again'
            cand --excel 'For spreadsheets: CSV with a UTF-8 byte-order mark, `;` between cells where your region or locale writes decimals with a comma, and each custom field in a column of its own (`field:vat`)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;backup'= {
            cand --to 'Directory to write the archive into (sealbook-VAULTID-YYYYMMDDTHHMMSSZ.age)'
            cand -r 'Encrypt to this age recipient, age1… (repeatable)'
            cand --recipient 'Encrypt to this age recipient, age1… (repeatable)'
            cand -R 'Encrypt to the recipients listed in this file, one per line (repeatable)'
            cand --recipients-file 'Encrypt to the recipients listed in this file, one per line (repeatable)'
            cand --archive-passphrase-file 'With --passphrase: read the archive passphrase from the first line of this file'
            cand --work-factor 'scrypt work factor (log2 N) for --passphrase archives'
            cand --keep 'After writing, keep the newest N archives of this vault in DIR and delete its older ones (other vaults'' archives and other files are never touched)'
            cand --keep-daily 'Keep the newest archive of each of the last N days that have one'
            cand --keep-weekly 'Keep the newest archive of each of the last N ISO weeks that have one'
            cand --keep-monthly 'Keep the newest archive of each of the last N months that have one'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --passphrase 'Encrypt with a passphrase instead (age scrypt), read from --archive-passphrase-file, SEALBOOK_BACKUP_PASSPHRASE_FILE or the terminal'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;restore'= {
            cand -i 'age identity file (from age-keygen) that opens the archive (repeatable)'
            cand --identity 'age identity file (from age-keygen) that opens the archive (repeatable)'
            cand --archive-passphrase-file 'With --passphrase: read the archive passphrase from the first line of this file'
            cand --to 'Where to install the vault [default: the --vault path]'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --passphrase 'The archive was encrypted with a passphrase: read it from --archive-passphrase-file, SEALBOOK_BACKUP_PASSPHRASE_FILE or the terminal'
            cand --force 'Replace an existing vault, keeping it as VAULT.before-restore'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;verify'= {
            cand -i 'age identity file (from age-keygen) that opens the archive (repeatable)'
            cand --identity 'age identity file (from age-keygen) that opens the archive (repeatable)'
            cand --archive-passphrase-file 'With --passphrase: read the archive passphrase from the first line of this file'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --passphrase 'The archive was encrypted with a passphrase: read it from --archive-passphrase-file, SEALBOOK_BACKUP_PASSPHRASE_FILE or the terminal'
            cand --full 'With ARCHIVE: also unlock the archived vault and open every seal in it (automatic when a vault passphrase source is set)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;redact'= {
            cand -o 'Where to write: a file, or a directory mirrored file by file [default: standard output, for one file]'
            cand --output 'Where to write: a file, or a directory mirrored file by file [default: standard output, for one file]'
            cand --only 'Look only for these kinds (comma-separated)'
            cand --skip 'Do not look for these kinds (comma-separated)'
            cand --regions 'Regions whose national phone formats are found without a keyword (comma-separated two-letter codes; default PL,CZ,RU,IR,DE,GB,US plus --region). Numbers of other regions are found after a phone keyword or with an international prefix'
            cand --style 'How to replace what is found'
            cand --report 'Write a JSON report of what was found where (never the values); - for stdout'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --in-place 'Replace each file with its redacted version (atomically, permissions kept)'
            cand --check 'Write nothing; exit 6 when anything is found, 0 when clean'
            cand --known-customers 'Also find the vault''s own customers by name, e-mail, phone, national id and account (unlocks the vault)'
            cand --force 'Replace output files (-o, --report) that exist already'
            cand --skip-unsupported 'Files that cannot be read or rewritten (binary, unreadable, not a regular file) are listed but do not make the run fail'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;passwd'= {
            cand --new-passphrase-file 'Read the new passphrase from the first line of this file'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --allow-weak-passphrase 'Accept a new passphrase that is easy to guess'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;rekey'= {
            cand --keep-slot 'Keep this keyslot (see `sealbook key list`) under the new key. Its passphrase or recovery key is asked for on the terminal, or read from the first line of FILE with SLOT=FILE; a slot that needs a key file uses --key-file (repeatable)'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --new-recovery 'Print a new recovery key (a new slot under the new master key), e.g. to replace a paper recovery key that is dropped'
            cand -y 'Rekey even though slots not kept will be dropped'
            cand --yes 'Rekey even though slots not kept will be dropped'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;key'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the keyslots'
            cand add 'Add a keyslot: a passphrase (with --key-file, a new key file too), or --recovery'
            cand remove 'Remove a keyslot (never the last one, nor the one in use)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sealbook;key;list'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;key;add'= {
            cand --label 'A name for the slot, shown by `key list`'
            cand --unlock-key-file 'The key file of the slot that unlocks the vault for this command'
            cand --new-passphrase-file 'Read the new passphrase from the first line of this file'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --recovery 'Print a new recovery key once, to write on paper; it opens the vault wherever a passphrase is accepted'
            cand --no-key-file 'The new slot needs no key file, even though the slot you unlock with does (by default a new passphrase slot then needs that same key file too)'
            cand --allow-weak-passphrase 'Accept a new passphrase that is easy to guess'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;key;remove'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;key;help'= {
            cand list 'List the keyslots'
            cand add 'Add a keyslot: a passphrase (with --key-file, a new key file too), or --recovery'
            cand remove 'Remove a keyslot (never the last one, nor the one in use)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sealbook;key;help;list'= {
        }
        &'sealbook;key;help;add'= {
        }
        &'sealbook;key;help;remove'= {
        }
        &'sealbook;key;help;help'= {
        }
        &'sealbook;audit'= {
            cand --customer 'Only entries about this customer code'
            cand --last 'Only the newest N entries'
            cand --staff 'Only entries of this employee ("owner" for the owner''s own)'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --verify 'Check every entry''s MAC and the entry count; exit 5 naming the first bad entry'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;staff'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Put an employee on the staff (owner only); they type their own passphrase at this terminal, or it is read from --new-passphrase-file'
            cand list 'List the staff: roles, customers held, last activity'
            cand remove 'An employee''s departure (owner only): their customers go to another employee, their slot is removed, and nothing written afterwards opens with their keys'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sealbook;staff;add'= {
            cand --role 'What they may do'
            cand --employee-key-file 'An existing key file the employee''s slot requires besides their passphrase'
            cand --new-passphrase-file 'Read the new passphrase from the first line of this file'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --allow-weak-passphrase 'Accept a new passphrase that is easy to guess'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;staff;list'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;staff;remove'= {
            cand --reassign-to 'Who takes over their customers ("owner" for the owner)'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;staff;help'= {
            cand add 'Put an employee on the staff (owner only); they type their own passphrase at this terminal, or it is read from --new-passphrase-file'
            cand list 'List the staff: roles, customers held, last activity'
            cand remove 'An employee''s departure (owner only): their customers go to another employee, their slot is removed, and nothing written afterwards opens with their keys'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sealbook;staff;help;add'= {
        }
        &'sealbook;staff;help;list'= {
        }
        &'sealbook;staff;help;remove'= {
        }
        &'sealbook;staff;help;help'= {
        }
        &'sealbook;reassign'= {
            cand --from 'Hand over every customer of this employee'
            cand --to 'The employee who takes them over ("owner" for the owner)'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;purge'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --dry-run 'List who would be erased, and erase nobody'
            cand -y 'Erase without asking (needed when there is no terminal)'
            cand --yes 'Erase without asking (needed when there is no terminal)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;pseudonymise'= {
            cand -o 'Where to write: a file, or a directory mirrored file by file [default: standard output, for one file]'
            cand --output 'Where to write: a file, or a directory mirrored file by file [default: standard output, for one file]'
            cand --token 'How tokens are written; {code} and {field} are filled in'
            cand --report 'Write a JSON report of what was replaced where (never the values); - for stdout'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --in-place 'Replace each file with its rewritten version (atomically, permissions kept)'
            cand --reverse 'Put the identities back: replace tokens with the vault''s current values'
            cand --force 'Replace output files (-o, --report) that exist already'
            cand --skip-unsupported 'Files that cannot be read or rewritten (binary, unreadable, not a regular file) are listed but do not make the run fail'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;unlock'= {
            cand --timeout 'Lock again after this long without use: 90s, 15m, 2h (at most 24h)'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;lock'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;status'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;agent'= {
            cand --socket 'The socket to listen on'
            cand --idle-seconds 'Seconds without use before the agent locks'
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;completions'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;man'= {
            cand --vault 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]'
            cand --passphrase-file 'Read the passphrase from the first line of this file'
            cand --passphrase-command 'Run this shell command and read the passphrase from its output'
            cand --key-file 'A key file that the vault requires together with the passphrase'
            cand --region 'Default country for phone numbers written without +, e.g. PL'
            cand --as 'Unlock as this employee on the staff, with their own passphrase (default: the owner)'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but results and errors'
            cand --quiet 'Print nothing but results and errors'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sealbook;help'= {
            cand init 'Create a new vault'
            cand info 'Show the vault''s id (as backup archive names carry it), size and last change; needs no passphrase'
            cand add 'Add a customer and print its code'
            cand show 'Show one customer, every field'
            cand list 'List customers as a table'
            cand search 'Find customers: exact on e-mail, phone, national id, account, code and tag; otherwise by substring, ignoring case, accents and digit script'
            cand edit 'Change a customer''s fields'
            cand erase 'Irreversibly remove a customer'
            cand import 'Add many customers from a CSV, JSON or JSON Lines file, all or nothing'
            cand export 'Write customers out as CSV, JSON or JSON Lines, plain or pseudonymised'
            cand backup 'Write an encrypted backup archive; needs no vault passphrase'
            cand restore 'Decrypt, check and install a backup archive'
            cand verify 'Check the vault (every seal and index) or a backup archive'
            cand redact 'Remove personal data from files (works without a vault)'
            cand passwd 'Change the passphrase (rewraps the key; nothing is re-sealed)'
            cand rekey 'Rotate the master key: every field, index and audit entry re-sealed at once'
            cand key 'Manage keyslots: passphrases, key files and recovery keys that open the vault'
            cand audit 'Show the tamper-evident log of who did what (never personal data)'
            cand staff 'Manage the staff: employees with their own passphrase, who see only their own customers (staff) or every customer (managers)'
            cand reassign 'Hand customers over to another employee (owner or manager)'
            cand purge 'Erase every customer whose retain-until date has passed'
            cand pseudonymise 'Replace the vault''s customers in files with their codes, and back with --reverse'
            cand unlock 'Keep the vault unlocked for your next commands (any terminal of yours), until `sealbook lock` or the idle timeout'
            cand lock 'Forget the key an earlier `unlock` kept'
            cand status 'Say whether the vault is unlocked, and until when'
            cand agent 'The background agent that `unlock` starts (not for direct use)'
            cand completions 'Print shell completions'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sealbook;help;init'= {
        }
        &'sealbook;help;info'= {
        }
        &'sealbook;help;add'= {
        }
        &'sealbook;help;show'= {
        }
        &'sealbook;help;list'= {
        }
        &'sealbook;help;search'= {
        }
        &'sealbook;help;edit'= {
        }
        &'sealbook;help;erase'= {
        }
        &'sealbook;help;import'= {
        }
        &'sealbook;help;export'= {
        }
        &'sealbook;help;backup'= {
        }
        &'sealbook;help;restore'= {
        }
        &'sealbook;help;verify'= {
        }
        &'sealbook;help;redact'= {
        }
        &'sealbook;help;passwd'= {
        }
        &'sealbook;help;rekey'= {
        }
        &'sealbook;help;key'= {
            cand list 'List the keyslots'
            cand add 'Add a keyslot: a passphrase (with --key-file, a new key file too), or --recovery'
            cand remove 'Remove a keyslot (never the last one, nor the one in use)'
        }
        &'sealbook;help;key;list'= {
        }
        &'sealbook;help;key;add'= {
        }
        &'sealbook;help;key;remove'= {
        }
        &'sealbook;help;audit'= {
        }
        &'sealbook;help;staff'= {
            cand add 'Put an employee on the staff (owner only); they type their own passphrase at this terminal, or it is read from --new-passphrase-file'
            cand list 'List the staff: roles, customers held, last activity'
            cand remove 'An employee''s departure (owner only): their customers go to another employee, their slot is removed, and nothing written afterwards opens with their keys'
        }
        &'sealbook;help;staff;add'= {
        }
        &'sealbook;help;staff;list'= {
        }
        &'sealbook;help;staff;remove'= {
        }
        &'sealbook;help;reassign'= {
        }
        &'sealbook;help;purge'= {
        }
        &'sealbook;help;pseudonymise'= {
        }
        &'sealbook;help;unlock'= {
        }
        &'sealbook;help;lock'= {
        }
        &'sealbook;help;status'= {
        }
        &'sealbook;help;agent'= {
        }
        &'sealbook;help;completions'= {
        }
        &'sealbook;help;man'= {
        }
        &'sealbook;help;help'= {
        }
    ]
    $completions[$command]
}
