"""Dates as staff type them in every form: "3 September 2020", "3 Sep 2020", "03/09/2020"
(UK order) and "2020-09-03" (Django adds the ISO forms itself). Replaces Django's en-GB
list, which reads only "03/09/2020" and "03/09/20". The admin's hint under each date field
(`newsroom/static/newsroom/typed-dates.js`) reads the same forms."""

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",
    "%d/%m/%y",
    "%d.%m.%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%Y-%m-%d",
]
