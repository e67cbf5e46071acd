CRMBench.main()
