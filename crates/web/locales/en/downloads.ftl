## Downloads of a page's table.
download-xlsx = Download as a spreadsheet (Excel)
