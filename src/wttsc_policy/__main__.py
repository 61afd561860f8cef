from wttsc_policy.entry import main

main()
