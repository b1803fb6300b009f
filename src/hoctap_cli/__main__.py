from hoctap_cli.cli.app import main

main()
