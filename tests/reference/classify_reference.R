# Reference class breaks from R classInt (Debian r-cran-classint), for tests/unit/render.
# Run from the repository root:  Rscript tests/reference/classify_reference.R
# Writes tests/reference/classify_reference.csv: dataset, style, k, breaks (";"-separated),
# and for datasets not read from ../shared/data, the values themselves.
library(classInt)

datasets <- list()
# R's `precip`: average annual precipitation (inches) of 70 US cities (Statistical Abstract of
# the United States, 1975), a standard example for class intervals.
datasets$precip <- as.numeric(precip)
# Many ties and zeros, as reach rates in small areas have.
datasets$ties_zeros <- c(rep(0, 20), rep(0.1, 15), 0.2, 0.2, 0.3, 0.5, 0.5, 0.9, 0.9, 0.9, 1.2)
# Real data: IoD 2019 income_score of Manchester's 282 LSOAs (read from ../shared/data).
iod <- read.csv("../shared/data/deprivation/iod2019_lsoa11_england.csv")
datasets$manchester_income <- iod$income_score[iod$lad19cd == "E08000003"]

rows <- list()
for (name in names(datasets)) {
  x <- datasets[[name]]
  for (k in c(3, 5, 7)) {
    for (style in c("fisher", "quantile", "equal")) {
      b <- suppressWarnings(classIntervals(x, n = k, style = style)$brks)
      rows[[length(rows) + 1]] <- data.frame(dataset = name, style = style, k = k,
                                            breaks = paste(format(b, digits = 17), collapse = ";"))
    }
  }
}
out <- do.call(rbind, rows)
values <- data.frame(dataset = c("precip", "ties_zeros"), style = "values", k = 0,
                     breaks = c(paste(format(datasets$precip, digits = 17), collapse = ";"),
                                paste(format(datasets$ties_zeros, digits = 17), collapse = ";")))
write.csv(rbind(values, out), "tests/reference/classify_reference.csv", row.names = FALSE)
