## The status report as a PDF (jobbro_formats::status_pdf) and its link on the programme page.
pdf-download = Download the status as a PDF
pdf-kind = Status report
pdf-programme-id = Programme id
pdf-as-of = Status on
pdf-note = Made by jobbro from the programme's timeline. The figures are those of the programme page and of the report as JSON, CSV and Excel.
pdf-suppressed-note = – means hidden to protect small groups: counts below { $n } (other than 0), and counts they could be worked out from.
pdf-key-figures = Key figures
pdf-chart-situation = Situation now (active participants)
pdf-chart-best-outcome = Best outcome (everyone accepted)
pdf-figures-heading = The figures
pdf-share = Share of target
pdf-percent = { $n }%
pdf-total = Total
pdf-measure-situation = Situation now
pdf-measure-best-outcome = Best outcome
pdf-follow-up-none = No follow-up yet.
