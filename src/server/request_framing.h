// How a request's framing is judged once its header is read, before its
// body: shared by the server's sessions and the HTTP fuzz target, so the
// fuzzer attacks the rule the server applies.
#pragma once

#include <optional>

#include "boost/beast/http.hpp"
#include "server/api_error.h"

namespace tact {

using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

// A parser with the server's limits on the header and (until the route is
// known) the body.
void LimitParser(RequestParser& parser, size_t max_header_bytes, size_t max_body_bytes);

// RFC 9112 6.3: a request whose Transfer-Encoding does not end in chunked
// has no knowable length: 400, and the connection is closed. nullopt when
// the framing is sound.
std::optional<ApiError> FramingProblem(const RequestParser& parser);

}  // namespace tact
