
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'sealbook' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'sealbook'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'sealbook' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a new vault')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show the vault''s id (as backup archive names carry it), size and last change; needs no passphrase')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a customer and print its code')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one customer, every field')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List customers as a table')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Find customers: exact on e-mail, phone, national id, account, code and tag; otherwise by substring, ignoring case, accents and digit script')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a customer''s fields')
            [CompletionResult]::new('erase', 'erase', [CompletionResultType]::ParameterValue, 'Irreversibly remove a customer')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add many customers from a CSV, JSON or JSON Lines file, all or nothing')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write customers out as CSV, JSON or JSON Lines, plain or pseudonymised')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Write an encrypted backup archive; needs no vault passphrase')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Decrypt, check and install a backup archive')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the vault (every seal and index) or a backup archive')
            [CompletionResult]::new('redact', 'redact', [CompletionResultType]::ParameterValue, 'Remove personal data from files (works without a vault)')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Change the passphrase (rewraps the key; nothing is re-sealed)')
            [CompletionResult]::new('rekey', 'rekey', [CompletionResultType]::ParameterValue, 'Rotate the master key: every field, index and audit entry re-sealed at once')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Manage keyslots: passphrases, key files and recovery keys that open the vault')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Show the tamper-evident log of who did what (never personal data)')
            [CompletionResult]::new('staff', 'staff', [CompletionResultType]::ParameterValue, 'Manage the staff: employees with their own passphrase, who see only their own customers (staff) or every customer (managers)')
            [CompletionResult]::new('reassign', 'reassign', [CompletionResultType]::ParameterValue, 'Hand customers over to another employee (owner or manager)')
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Erase every customer whose retain-until date has passed')
            [CompletionResult]::new('pseudonymise', 'pseudonymise', [CompletionResultType]::ParameterValue, 'Replace the vault''s customers in files with their codes, and back with --reverse')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Keep the vault unlocked for your next commands (any terminal of yours), until `sealbook lock` or the idle timeout')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Forget the key an earlier `unlock` kept')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Say whether the vault is unlocked, and until when')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'The background agent that `unlock` starts (not for direct use)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sealbook;init' {
            [CompletionResult]::new('--kdf-memory', '--kdf-memory', [CompletionResultType]::ParameterName, 'Argon2id memory in MiB [default: calibrated to about 0.5 s, at least 64]')
            [CompletionResult]::new('--kdf-iterations', '--kdf-iterations', [CompletionResultType]::ParameterName, 'Argon2id iterations [default: 3]')
            [CompletionResult]::new('--kdf-parallelism', '--kdf-parallelism', [CompletionResultType]::ParameterName, 'Argon2id lanes [default: 4]')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--allow-weak-passphrase', '--allow-weak-passphrase', [CompletionResultType]::ParameterName, 'Accept a passphrase that is easy to guess')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;info' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;add' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Full name')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'E-mail address')
            [CompletionResult]::new('--phone', '--phone', [CompletionResultType]::ParameterName, 'Phone number; national forms need --region')
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'Postal address')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company name')
            [CompletionResult]::new('--national-id', '--national-id', [CompletionResultType]::ParameterName, 'National id (PESEL, rodné číslo, SNILS, کد ملی, ...)')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Bank account (IBANs are checked) or card reference')
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'Free-text note')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Who in the business looks after this customer')
            [CompletionResult]::new('--retain-until', '--retain-until', [CompletionResultType]::ParameterName, 'Date after which `purge` erases the customer (YYYY-MM-DD)')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Custom field, KEY=VALUE (repeatable)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Tag (repeatable)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Keep a national id that fails its scheme''s check digit, or a retain-until date that has passed')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;show' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;list' {
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only customers with this tag')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Only customers looked after by this owner')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;search' {
            [CompletionResult]::new('--in', '--in', [CompletionResultType]::ParameterName, 'Search only this field')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;edit' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'New full name')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'E-mail address')
            [CompletionResult]::new('--phone', '--phone', [CompletionResultType]::ParameterName, 'Phone number; national forms need --region')
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'Postal address')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company name')
            [CompletionResult]::new('--national-id', '--national-id', [CompletionResultType]::ParameterName, 'National id (PESEL, rodné číslo, SNILS, کد ملی, ...)')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Bank account (IBANs are checked) or card reference')
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'Free-text note')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Who in the business looks after this customer')
            [CompletionResult]::new('--retain-until', '--retain-until', [CompletionResultType]::ParameterName, 'Date after which `purge` erases the customer (YYYY-MM-DD)')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Custom field, KEY=VALUE (repeatable)')
            [CompletionResult]::new('--add-tag', '--add-tag', [CompletionResultType]::ParameterName, 'Add a tag (repeatable)')
            [CompletionResult]::new('--remove-tag', '--remove-tag', [CompletionResultType]::ParameterName, 'Remove a tag (repeatable)')
            [CompletionResult]::new('--unset-field', '--unset-field', [CompletionResultType]::ParameterName, 'Remove a custom field (repeatable)')
            [CompletionResult]::new('--clear', '--clear', [CompletionResultType]::ParameterName, 'Clear a field: email, phone, address, company, national-id, account, note, owner or retain-until (repeatable)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Keep a national id that fails its scheme''s check digit, or a retain-until date that has passed')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;erase' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;import' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'The file''s format [default: from its extension, else from its first bytes]')
            [CompletionResult]::new('--encoding', '--encoding', [CompletionResultType]::ParameterName, 'The file''s text encoding, e.g. windows-1250 (cp1250), windows-1251, windows-1256, utf-16le [default: detected: UTF-8 or UTF-16 by their marks, else the Windows code page the text reads best in]')
            [CompletionResult]::new('--delimiter', '--delimiter', [CompletionResultType]::ParameterName, 'The CSV delimiter: `,`, `;` or `tab` [default: the one the header line uses]')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'What to do with a row that matches a customer already in the vault (see --match). `update` changes only the fields the row carries: empty cells keep what is stored, tags are added, custom fields merge by key')
            [CompletionResult]::new('--match', '--match', [CompletionResultType]::ParameterName, 'Which values match a row to an existing customer, in order of preference. Phones are not matched unless named: people who share one are still two customers. A row whose values match two different customers is an error')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Keep national ids that fail their scheme''s check digit, and retain-until dates that have passed, as the file has them')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check every row and report what would happen, but write nothing')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'A column that is no known field is an error, not a custom field')
            [CompletionResult]::new('--replace-tags', '--replace-tags', [CompletionResultType]::ParameterName, 'With --on-duplicate update, the row''s tags replace the customer''s instead of being added to them')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;export' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: from --output''s extension, else csv]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file (created 0600) instead of standard output')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to this file (created 0600) instead of standard output')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Only these columns, comma-separated (e.g. code,name,email)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only customers with this tag')
            [CompletionResult]::new('--owner', '--owner', [CompletionResultType]::ParameterName, 'Only customers looked after by this owner')
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Only customers that `sealbook search QUERY` finds')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Everything the vault holds about one customer, as JSON (a subject access request)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing --output file')
            [CompletionResult]::new('--pseudonymise', '--pseudonymise', [CompletionResultType]::ParameterName, 'Replace every personal value, the code, each tag and each custom field''s name with a keyed token (same value, same token); dates keep only their month')
            [CompletionResult]::new('--unlinkable', '--unlinkable', [CompletionResultType]::ParameterName, 'With --pseudonymise: use a fresh key, so tokens match no other export')
            [CompletionResult]::new('--allow-formulas', '--allow-formulas', [CompletionResultType]::ParameterName, 'CSV only: write cells that start with = + - @ tab or carriage return as they are. By default they get a leading '' so a spreadsheet shows them as text instead of running them as formulas; import removes that '' again')
            [CompletionResult]::new('--excel', '--excel', [CompletionResultType]::ParameterName, 'For spreadsheets: CSV with a UTF-8 byte-order mark, `;` between cells where your region or locale writes decimals with a comma, and each custom field in a column of its own (`field:vat`)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;backup' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Directory to write the archive into (sealbook-VAULTID-YYYYMMDDTHHMMSSZ.age)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Encrypt to this age recipient, age1… (repeatable)')
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'Encrypt to this age recipient, age1… (repeatable)')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Encrypt to the recipients listed in this file, one per line (repeatable)')
            [CompletionResult]::new('--recipients-file', '--recipients-file', [CompletionResultType]::ParameterName, 'Encrypt to the recipients listed in this file, one per line (repeatable)')
            [CompletionResult]::new('--archive-passphrase-file', '--archive-passphrase-file', [CompletionResultType]::ParameterName, 'With --passphrase: read the archive passphrase from the first line of this file')
            [CompletionResult]::new('--work-factor', '--work-factor', [CompletionResultType]::ParameterName, 'scrypt work factor (log2 N) for --passphrase archives')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'After writing, keep the newest N archives of this vault in DIR and delete its older ones (other vaults'' archives and other files are never touched)')
            [CompletionResult]::new('--keep-daily', '--keep-daily', [CompletionResultType]::ParameterName, 'Keep the newest archive of each of the last N days that have one')
            [CompletionResult]::new('--keep-weekly', '--keep-weekly', [CompletionResultType]::ParameterName, 'Keep the newest archive of each of the last N ISO weeks that have one')
            [CompletionResult]::new('--keep-monthly', '--keep-monthly', [CompletionResultType]::ParameterName, 'Keep the newest archive of each of the last N months that have one')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Encrypt with a passphrase instead (age scrypt), read from --archive-passphrase-file, SEALBOOK_BACKUP_PASSPHRASE_FILE or the terminal')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;restore' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'age identity file (from age-keygen) that opens the archive (repeatable)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'age identity file (from age-keygen) that opens the archive (repeatable)')
            [CompletionResult]::new('--archive-passphrase-file', '--archive-passphrase-file', [CompletionResultType]::ParameterName, 'With --passphrase: read the archive passphrase from the first line of this file')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Where to install the vault [default: the --vault path]')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'The archive was encrypted with a passphrase: read it from --archive-passphrase-file, SEALBOOK_BACKUP_PASSPHRASE_FILE or the terminal')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing vault, keeping it as VAULT.before-restore')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;verify' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'age identity file (from age-keygen) that opens the archive (repeatable)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'age identity file (from age-keygen) that opens the archive (repeatable)')
            [CompletionResult]::new('--archive-passphrase-file', '--archive-passphrase-file', [CompletionResultType]::ParameterName, 'With --passphrase: read the archive passphrase from the first line of this file')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'The archive was encrypted with a passphrase: read it from --archive-passphrase-file, SEALBOOK_BACKUP_PASSPHRASE_FILE or the terminal')
            [CompletionResult]::new('--full', '--full', [CompletionResultType]::ParameterName, 'With ARCHIVE: also unlock the archived vault and open every seal in it (automatic when a vault passphrase source is set)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;redact' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write: a file, or a directory mirrored file by file [default: standard output, for one file]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write: a file, or a directory mirrored file by file [default: standard output, for one file]')
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Look only for these kinds (comma-separated)')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Do not look for these kinds (comma-separated)')
            [CompletionResult]::new('--regions', '--regions', [CompletionResultType]::ParameterName, 'Regions whose national phone formats are found without a keyword (comma-separated two-letter codes; default PL,CZ,RU,IR,DE,GB,US plus --region). Numbers of other regions are found after a phone keyword or with an international prefix')
            [CompletionResult]::new('--style', '--style', [CompletionResultType]::ParameterName, 'How to replace what is found')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Write a JSON report of what was found where (never the values); - for stdout')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--in-place', '--in-place', [CompletionResultType]::ParameterName, 'Replace each file with its redacted version (atomically, permissions kept)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Write nothing; exit 6 when anything is found, 0 when clean')
            [CompletionResult]::new('--known-customers', '--known-customers', [CompletionResultType]::ParameterName, 'Also find the vault''s own customers by name, e-mail, phone, national id and account (unlocks the vault)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace output files (-o, --report) that exist already')
            [CompletionResult]::new('--skip-unsupported', '--skip-unsupported', [CompletionResultType]::ParameterName, 'Files that cannot be read or rewritten (binary, unreadable, not a regular file) are listed but do not make the run fail')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;passwd' {
            [CompletionResult]::new('--new-passphrase-file', '--new-passphrase-file', [CompletionResultType]::ParameterName, 'Read the new passphrase from the first line of this file')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--allow-weak-passphrase', '--allow-weak-passphrase', [CompletionResultType]::ParameterName, 'Accept a new passphrase that is easy to guess')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;rekey' {
            [CompletionResult]::new('--keep-slot', '--keep-slot', [CompletionResultType]::ParameterName, 'Keep this keyslot (see `sealbook key list`) under the new key. Its passphrase or recovery key is asked for on the terminal, or read from the first line of FILE with SLOT=FILE; a slot that needs a key file uses --key-file (repeatable)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--new-recovery', '--new-recovery', [CompletionResultType]::ParameterName, 'Print a new recovery key (a new slot under the new master key), e.g. to replace a paper recovery key that is dropped')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Rekey even though slots not kept will be dropped')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Rekey even though slots not kept will be dropped')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;key' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keyslots')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a keyslot: a passphrase (with --key-file, a new key file too), or --recovery')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a keyslot (never the last one, nor the one in use)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sealbook;key;list' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;key;add' {
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'A name for the slot, shown by `key list`')
            [CompletionResult]::new('--unlock-key-file', '--unlock-key-file', [CompletionResultType]::ParameterName, 'The key file of the slot that unlocks the vault for this command')
            [CompletionResult]::new('--new-passphrase-file', '--new-passphrase-file', [CompletionResultType]::ParameterName, 'Read the new passphrase from the first line of this file')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--recovery', '--recovery', [CompletionResultType]::ParameterName, 'Print a new recovery key once, to write on paper; it opens the vault wherever a passphrase is accepted')
            [CompletionResult]::new('--no-key-file', '--no-key-file', [CompletionResultType]::ParameterName, 'The new slot needs no key file, even though the slot you unlock with does (by default a new passphrase slot then needs that same key file too)')
            [CompletionResult]::new('--allow-weak-passphrase', '--allow-weak-passphrase', [CompletionResultType]::ParameterName, 'Accept a new passphrase that is easy to guess')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;key;remove' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;key;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keyslots')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a keyslot: a passphrase (with --key-file, a new key file too), or --recovery')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a keyslot (never the last one, nor the one in use)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sealbook;key;help;list' {
            break
        }
        'sealbook;key;help;add' {
            break
        }
        'sealbook;key;help;remove' {
            break
        }
        'sealbook;key;help;help' {
            break
        }
        'sealbook;audit' {
            [CompletionResult]::new('--customer', '--customer', [CompletionResultType]::ParameterName, 'Only entries about this customer code')
            [CompletionResult]::new('--last', '--last', [CompletionResultType]::ParameterName, 'Only the newest N entries')
            [CompletionResult]::new('--staff', '--staff', [CompletionResultType]::ParameterName, 'Only entries of this employee ("owner" for the owner''s own)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--verify', '--verify', [CompletionResultType]::ParameterName, 'Check every entry''s MAC and the entry count; exit 5 naming the first bad entry')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;staff' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Put an employee on the staff (owner only); they type their own passphrase at this terminal, or it is read from --new-passphrase-file')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the staff: roles, customers held, last activity')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'An employee''s departure (owner only): their customers go to another employee, their slot is removed, and nothing written afterwards opens with their keys')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sealbook;staff;add' {
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'What they may do')
            [CompletionResult]::new('--employee-key-file', '--employee-key-file', [CompletionResultType]::ParameterName, 'An existing key file the employee''s slot requires besides their passphrase')
            [CompletionResult]::new('--new-passphrase-file', '--new-passphrase-file', [CompletionResultType]::ParameterName, 'Read the new passphrase from the first line of this file')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--allow-weak-passphrase', '--allow-weak-passphrase', [CompletionResultType]::ParameterName, 'Accept a new passphrase that is easy to guess')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;staff;list' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;staff;remove' {
            [CompletionResult]::new('--reassign-to', '--reassign-to', [CompletionResultType]::ParameterName, 'Who takes over their customers ("owner" for the owner)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;staff;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Put an employee on the staff (owner only); they type their own passphrase at this terminal, or it is read from --new-passphrase-file')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the staff: roles, customers held, last activity')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'An employee''s departure (owner only): their customers go to another employee, their slot is removed, and nothing written afterwards opens with their keys')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sealbook;staff;help;add' {
            break
        }
        'sealbook;staff;help;list' {
            break
        }
        'sealbook;staff;help;remove' {
            break
        }
        'sealbook;staff;help;help' {
            break
        }
        'sealbook;reassign' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Hand over every customer of this employee')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The employee who takes them over ("owner" for the owner)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;purge' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'List who would be erased, and erase nobody')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Erase without asking (needed when there is no terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Erase without asking (needed when there is no terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;pseudonymise' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write: a file, or a directory mirrored file by file [default: standard output, for one file]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write: a file, or a directory mirrored file by file [default: standard output, for one file]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'How tokens are written; {code} and {field} are filled in')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Write a JSON report of what was replaced where (never the values); - for stdout')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--in-place', '--in-place', [CompletionResultType]::ParameterName, 'Replace each file with its rewritten version (atomically, permissions kept)')
            [CompletionResult]::new('--reverse', '--reverse', [CompletionResultType]::ParameterName, 'Put the identities back: replace tokens with the vault''s current values')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace output files (-o, --report) that exist already')
            [CompletionResult]::new('--skip-unsupported', '--skip-unsupported', [CompletionResultType]::ParameterName, 'Files that cannot be read or rewritten (binary, unreadable, not a regular file) are listed but do not make the run fail')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;unlock' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Lock again after this long without use: 90s, 15m, 2h (at most 24h)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;lock' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;status' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;agent' {
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The socket to listen on')
            [CompletionResult]::new('--idle-seconds', '--idle-seconds', [CompletionResultType]::ParameterName, 'Seconds without use before the agent locks')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;completions' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;man' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'The vault file [default: $XDG_DATA_HOME/sealbook/vault.sealbook]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from the first line of this file')
            [CompletionResult]::new('--passphrase-command', '--passphrase-command', [CompletionResultType]::ParameterName, 'Run this shell command and read the passphrase from its output')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'A key file that the vault requires together with the passphrase')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Default country for phone numbers written without +, e.g. PL')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Unlock as this employee on the staff, with their own passphrase (default: the owner)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sealbook;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a new vault')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show the vault''s id (as backup archive names carry it), size and last change; needs no passphrase')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a customer and print its code')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one customer, every field')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List customers as a table')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Find customers: exact on e-mail, phone, national id, account, code and tag; otherwise by substring, ignoring case, accents and digit script')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a customer''s fields')
            [CompletionResult]::new('erase', 'erase', [CompletionResultType]::ParameterValue, 'Irreversibly remove a customer')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add many customers from a CSV, JSON or JSON Lines file, all or nothing')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write customers out as CSV, JSON or JSON Lines, plain or pseudonymised')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Write an encrypted backup archive; needs no vault passphrase')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Decrypt, check and install a backup archive')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the vault (every seal and index) or a backup archive')
            [CompletionResult]::new('redact', 'redact', [CompletionResultType]::ParameterValue, 'Remove personal data from files (works without a vault)')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Change the passphrase (rewraps the key; nothing is re-sealed)')
            [CompletionResult]::new('rekey', 'rekey', [CompletionResultType]::ParameterValue, 'Rotate the master key: every field, index and audit entry re-sealed at once')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Manage keyslots: passphrases, key files and recovery keys that open the vault')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Show the tamper-evident log of who did what (never personal data)')
            [CompletionResult]::new('staff', 'staff', [CompletionResultType]::ParameterValue, 'Manage the staff: employees with their own passphrase, who see only their own customers (staff) or every customer (managers)')
            [CompletionResult]::new('reassign', 'reassign', [CompletionResultType]::ParameterValue, 'Hand customers over to another employee (owner or manager)')
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Erase every customer whose retain-until date has passed')
            [CompletionResult]::new('pseudonymise', 'pseudonymise', [CompletionResultType]::ParameterValue, 'Replace the vault''s customers in files with their codes, and back with --reverse')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Keep the vault unlocked for your next commands (any terminal of yours), until `sealbook lock` or the idle timeout')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Forget the key an earlier `unlock` kept')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Say whether the vault is unlocked, and until when')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'The background agent that `unlock` starts (not for direct use)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sealbook;help;init' {
            break
        }
        'sealbook;help;info' {
            break
        }
        'sealbook;help;add' {
            break
        }
        'sealbook;help;show' {
            break
        }
        'sealbook;help;list' {
            break
        }
        'sealbook;help;search' {
            break
        }
        'sealbook;help;edit' {
            break
        }
        'sealbook;help;erase' {
            break
        }
        'sealbook;help;import' {
            break
        }
        'sealbook;help;export' {
            break
        }
        'sealbook;help;backup' {
            break
        }
        'sealbook;help;restore' {
            break
        }
        'sealbook;help;verify' {
            break
        }
        'sealbook;help;redact' {
            break
        }
        'sealbook;help;passwd' {
            break
        }
        'sealbook;help;rekey' {
            break
        }
        'sealbook;help;key' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keyslots')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a keyslot: a passphrase (with --key-file, a new key file too), or --recovery')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a keyslot (never the last one, nor the one in use)')
            break
        }
        'sealbook;help;key;list' {
            break
        }
        'sealbook;help;key;add' {
            break
        }
        'sealbook;help;key;remove' {
            break
        }
        'sealbook;help;audit' {
            break
        }
        'sealbook;help;staff' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Put an employee on the staff (owner only); they type their own passphrase at this terminal, or it is read from --new-passphrase-file')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the staff: roles, customers held, last activity')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'An employee''s departure (owner only): their customers go to another employee, their slot is removed, and nothing written afterwards opens with their keys')
            break
        }
        'sealbook;help;staff;add' {
            break
        }
        'sealbook;help;staff;list' {
            break
        }
        'sealbook;help;staff;remove' {
            break
        }
        'sealbook;help;reassign' {
            break
        }
        'sealbook;help;purge' {
            break
        }
        'sealbook;help;pseudonymise' {
            break
        }
        'sealbook;help;unlock' {
            break
        }
        'sealbook;help;lock' {
            break
        }
        'sealbook;help;status' {
            break
        }
        'sealbook;help;agent' {
            break
        }
        'sealbook;help;completions' {
            break
        }
        'sealbook;help;man' {
            break
        }
        'sealbook;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
