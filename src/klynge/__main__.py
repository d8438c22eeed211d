from klynge.cli import main

main()
