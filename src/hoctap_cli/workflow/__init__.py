"""What every command does between parsing its options and rendering its answer.

``inputs`` expands files and folders with one set of skip rules, ``writing`` holds the one
overwrite policy and writes outputs atomically, ``annotations`` plans ``--annotate``'s
copies, ``run`` evaluates, ``years`` splits a report's run by assessment year, ``status``
decides the exit status. Nothing here prints:
the CLI says what these return. Importing this package is cheap (``hoctap --help``).
"""
