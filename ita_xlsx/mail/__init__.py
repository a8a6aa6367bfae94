"""E-mail: send the consolidated workbook to the executives, and remind divisions.

* ``config``: ``MailSettings`` from the user's config file and options; where the password comes from.
* ``results``: the results JSON beside the consolidated workbook.
* ``message``: the summary message (workbook attached), the test message, drafts and previews.
* ``remind``: one reminder per division that has something missing, overdue or due soon.
* ``send``: SMTP with TLS; an ``Outcome`` per message, failures as problem records.

No click here: the command line (``ita_xlsx.cli.mail_cmd``) only parses options and prints.
"""
