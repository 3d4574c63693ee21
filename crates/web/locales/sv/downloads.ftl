## Hämta en sidas tabell.
download-xlsx = Hämta som kalkylblad (Excel)
