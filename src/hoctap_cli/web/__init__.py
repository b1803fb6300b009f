"""``hoctap giao-dien``: a local web page over the library, for officers who never open a
terminal.

``server`` starts uvicorn; ``app`` holds the routes and ``guards`` what every request
passes first (size limit, access token, same origin, inert-page headers); ``store`` keeps
each run's private folder until its downloads expire; ``uploads`` turns a request into safe
files; ``running`` evaluates them through the library; ``page``, ``results_page`` and
``explanation`` write the HTML; ``settings_form`` reads the commune's settings as the CLI
reads ``--settings``; ``downloads`` builds the files the command line writes.
"""
