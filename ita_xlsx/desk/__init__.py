"""The coordinator's desk: the whole round from a local web page (``ita-xlsx serve``).

``board`` builds the round's board from what ``collect`` finds in the folder of returns;
``receiving`` saves uploaded files there; ``actions`` writes the outputs, feedback and reminders;
``store`` is where the office store (acceptances, history) plugs in; ``guard`` is the token, Host
and Origin checks; ``app`` is the Flask application; ``server`` runs it on 127.0.0.1.
"""
