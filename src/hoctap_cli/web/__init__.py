"""``hoctap giao-dien``: a local web page over the library, for officers who never open a
terminal.

``server`` starts uvicorn; ``app`` holds the routes and the guards every request passes;
``store`` keeps each run's private folder until its downloads expire; ``uploads`` turns a
request into safe files; ``running`` evaluates them through the library; ``page`` and
``explanation`` write the HTML; ``downloads`` builds the files the command line writes.
"""
