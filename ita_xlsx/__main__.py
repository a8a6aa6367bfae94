from ita_xlsx.cli import main

main()
