# Example run by CI against a live server: VERBATIM_URL, VERBATIM_KEY.
#   Rscript clients/r/examples/claims.R
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(sub("^--file=", "", args[grep("^--file=", args)]))
source(file.path(here, "..", "R", "verbatim.R"))

client <- verbatim_client(Sys.getenv("VERBATIM_URL", "http://localhost:4000"), key = Sys.getenv("VERBATIM_KEY"))

claims <- claims_df(client, page_size = 7)  # small pages: the walk crosses several
cat(sprintf("%d claims in %d columns\n", nrow(claims), ncol(claims)))
print(head(claims[, c("kind", "status", "claimant", "evidence_exact")], 5))
stopifnot(nrow(claims) > 0, !any(duplicated(claims$id)))

# Every claim's first span slices back to its quote, in code points.
doc <- "query($id: ID!) { node(id: $id) { ... on Claim { article { body } evidence { start end exact } } } }"
for (id in head(claims$id, 20)) {
  node <- verbatim_query(client, doc, list(id = id))$node
  span <- node$evidence[[1]]
  stopifnot(identical(codepoint_slice(node$article$body, span$start, span$end), span$exact))
}
cat("evidence spans checked: body[start:end] == exact\n")

counts <- event_counts_df(client)
print(counts)

refused <- tryCatch(verbatim_query(client, "{ claims(first: 101) { totalCount } }"), verbatim_error = function(e) e)
stopifnot(inherits(refused, "verbatim_error"), identical(refused$code, "BAD_USER_INPUT"))
cat(sprintf("errors carry the code: %s\n", refused$code))
cat("R example: ok\n")
