#include "server/request_framing.h"

#include "absl/strings/str_cat.h"

namespace tact {

void LimitParser(RequestParser& parser, size_t max_header_bytes, size_t max_body_bytes) {
  parser.header_limit(static_cast<std::uint32_t>(max_header_bytes));
  parser.body_limit(max_body_bytes);
}

std::optional<ApiError> FramingProblem(const RequestParser& parser) {
  namespace http = boost::beast::http;
  const auto& request = parser.get();
  if (request.count(http::field::transfer_encoding) == 0 || parser.chunked()) return std::nullopt;
  const auto encoding = request[http::field::transfer_encoding];
  return ApiError{
      400, "bad_request",
      absl::StrCat("Transfer-Encoding: '", absl::string_view(encoding.data(), encoding.size()),
                   "' is not accepted; send chunked, or a Content-Length"),
      "Transfer-Encoding"};
}

}  // namespace tact
