from wttsc_policy.cli import main

main()
