# Verbatim's R client: httr2 + jsonlite (Debian: r-cran-httr2, r-cran-jsonlite).
#
#   source("clients/r/R/verbatim.R")
#   client <- verbatim_client("http://localhost:4000", key = Sys.getenv("VERBATIM_KEY"))
#   claims <- claims_df(client, filter = list(status = "ACCEPTED"))

verbatim_client <- function(url = "http://localhost:4000", key = NULL, max_tries = 4) {
  base <- sub("/graphql/?$", "", sub("/+$", "", url))
  structure(list(url = base, key = if (is.null(key) || identical(key, "")) NULL else key, max_tries = max_tries), class = "verbatim_client")
}

# An error of the server's vocabulary: conditionCall-free, with $code, $field and $retryable.
verbatim_error <- function(message, code = "INTERNAL_SERVER_ERROR", field = NULL, retryable = FALSE) {
  structure(
    class = c("verbatim_error", "error", "condition"),
    list(message = paste0(code, ": ", message, if (!is.null(field)) paste0(" (", field, ")") else ""),
         call = NULL, code = code, field = field, retryable = retryable)
  )
}

error_from_body <- function(body) {
  first <- body$errors[[1]]
  ext <- first$extensions
  verbatim_error(first$message, if (is.null(ext$code)) "INTERNAL_SERVER_ERROR" else ext$code, ext$field,
                 isTRUE(ext$retryable) || identical(ext$code, "RATE_LIMITED"))
}

verbatim_request <- function(client, path) {
  req <- httr2::request(paste0(client$url, path))
  req <- httr2::req_user_agent(req, "verbatim-r/0.1")
  if (!is.null(client$key)) req <- httr2::req_headers(req, Authorization = paste("Bearer", client$key))
  # Retry what the server says is transient (429 with Retry-After, 503 while the database is away),
  # waiting Retry-After when given, else backing off exponentially.
  req <- httr2::req_retry(req, max_tries = client$max_tries, is_transient = function(resp) httr2::resp_status(resp) %in% c(429, 502, 503, 504))
  httr2::req_error(req, is_error = function(resp) FALSE)
}

# Runs a GraphQL document; returns `data` as nested lists, or stops with a verbatim_error.
verbatim_query <- function(client, document, variables = list()) {
  req <- verbatim_request(client, "/graphql")
  # Absent, not null: the server treats an explicit null filter as an error on some fields.
  variables <- Filter(Negate(is.null), variables)
  req <- httr2::req_body_json(req, list(query = document, variables = if (length(variables)) variables else structure(list(), names = character())), auto_unbox = TRUE, null = "null")
  resp <- httr2::req_perform(req)
  body <- jsonlite::fromJSON(httr2::resp_body_string(resp), simplifyVector = FALSE)
  if (!is.null(body$errors)) stop(error_from_body(body))
  body$data
}

# Every node of a connection field, page after page (list of nodes).
verbatim_paginate <- function(client, field, fields, filter = NULL, filter_type = NULL, page_size = 100) {
  if (is.null(filter_type)) filter_type <- paste0(toupper(substring(field, 1, 1)), substring(field, 2, nchar(field) - 1), "Filter")
  document <- sprintf(
    "query Page($first: Int!, $after: String, $filter: %s) { page: %s(first: $first, after: $after, filter: $filter) { pageInfo { hasNextPage endCursor } nodes { %s } } }",
    filter_type, field, fields
  )
  nodes <- list()
  after <- NULL
  repeat {
    page <- verbatim_query(client, document, list(first = page_size, after = after, filter = filter))$page
    nodes <- c(nodes, page$nodes)
    if (!isTRUE(page$pageInfo$hasNextPage)) break
    after <- page$pageInfo$endCursor
  }
  nodes
}

or_na <- function(value) if (is.null(value)) NA else value

# Claims as a data.frame: one row per claim, its claimant, article and first evidence span.
claims_df <- function(client, filter = NULL, page_size = 100) {
  fields <- "id text kind status claimant { name } article { id url publishedAt } evidence { start end exact }"
  nodes <- verbatim_paginate(client, "claims", fields, filter, "ClaimFilter", page_size)
  if (length(nodes) == 0) {
    return(data.frame(id = character(), text = character(), kind = character(), status = character(), claimant = character(),
                      article_url = character(), published_at = character(), evidence_exact = character(),
                      evidence_start = integer(), evidence_end = integer(), stringsAsFactors = FALSE))
  }
  data.frame(
    id = vapply(nodes, function(n) n$id, ""),
    text = vapply(nodes, function(n) n$text, ""),
    kind = vapply(nodes, function(n) n$kind, ""),
    status = vapply(nodes, function(n) n$status, ""),
    claimant = vapply(nodes, function(n) as.character(or_na(n$claimant$name)), ""),
    article_url = vapply(nodes, function(n) as.character(or_na(n$article$url)), ""),
    published_at = vapply(nodes, function(n) as.character(or_na(n$article$publishedAt)), ""),
    evidence_exact = vapply(nodes, function(n) as.character(or_na(n$evidence[[1]]$exact)), ""),
    evidence_start = vapply(nodes, function(n) as.integer(or_na(n$evidence[[1]]$start)), 0L),
    evidence_end = vapply(nodes, function(n) as.integer(or_na(n$evidence[[1]]$end)), 0L),
    stringsAsFactors = FALSE
  )
}

# Events by month, as a data.frame(month, count), for a chart.
event_counts_df <- function(client, group_by = "MONTH", filter = NULL) {
  buckets <- verbatim_query(client, "query($g: EventCountGroup!, $f: EventFilter) { eventCounts(groupBy: $g, filter: $f) { key count } }",
                            list(g = group_by, f = filter))$eventCounts
  data.frame(key = vapply(buckets, function(b) as.character(or_na(b$key)), ""), count = vapply(buckets, function(b) b$count, 0L), stringsAsFactors = FALSE)
}

# Offsets count Unicode code points: slice with utf8ToInt, not substr on bytes.
codepoint_slice <- function(body, start, end) {
  points <- utf8ToInt(body)
  if (end <= start) return("")
  intToUtf8(points[(start + 1):end])
}
