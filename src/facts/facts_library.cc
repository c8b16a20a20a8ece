#include "facts/facts_library.h"

#include <simdjson.h>

#include <filesystem>
#include <system_error>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "brief/companyfacts_reader.h"
#include "core/cik.h"
#include "facts/facts_table.h"

namespace tact {

namespace {

enum class FileKind { kCompanyFacts, kTable, kOther };

FileKind KindOf(const std::filesystem::path& path) {
  const std::string extension = absl::AsciiStrToLower(path.extension().string());
  if (extension == ".json") return FileKind::kCompanyFacts;
  if (extension == ".csv" || extension == ".jsonl" || extension == ".ndjson")
    return FileKind::kTable;
  return FileKind::kOther;
}

class Loading {
 public:
  explicit Loading(bool strict) : strict_(strict) {}

  absl::Status Read(const std::filesystem::path& path) {
    const FileKind kind = KindOf(path);
    if (kind == FileKind::kTable) return ReadTable(path);
    if (kind == FileKind::kCompanyFacts) return ReadCompanyFacts(path);
    return absl::InvalidArgumentError(absl::StrCat(
        path.string(), ": not a facts file (a companyfacts .json, or a .csv/.jsonl table)"));
  }

  FactsLibrary Finish() { return std::move(library_); }

 private:
  absl::Status Problems(const std::vector<std::string>& problems) {
    library_.problems.insert(library_.problems.end(), problems.begin(), problems.end());
    if (strict_ && !problems.empty()) return absl::InvalidArgumentError(problems.front());
    return absl::OkStatus();
  }

  absl::Status ReadCompanyFacts(const std::filesystem::path& path) {
    std::error_code error;
    const uintmax_t size = std::filesystem::file_size(path, error);
    if (error) return absl::NotFoundError(absl::StrCat(path.string(), ": ", error.message()));
    if (size > kMaxCompanyFactsBytes) {
      return absl::InvalidArgumentError(
          absl::StrCat(path.string(), ": larger than ", kMaxCompanyFactsBytes >> 20, " MiB"));
    }
    simdjson::padded_string text;
    if (simdjson::padded_string::load(path.string()).get(text) != simdjson::SUCCESS) {
      return absl::NotFoundError(absl::StrCat(path.string(), ": cannot be read"));
    }
    ++library_.files;
    library_.bytes += text.size();
    const std::string name = path.filename().string();
    absl::StatusOr<CompanyFacts> company =
        reader_.Read(absl::string_view(text.data(), text.size()), name, strict_);
    if (!company.ok()) {
      if (strict_) return company.status();
      library_.problems.push_back(std::string(company.status().message()));
      return absl::OkStatus();
    }
    if (absl::Status status = Problems(company->problems); !status.ok()) return status;
    if (company->cik.empty()) return absl::OkStatus();
    const std::string cik = company->cik;
    library_.by_cik.insert_or_assign(cik, *std::move(company));
    return absl::OkStatus();
  }

  absl::Status ReadTable(const std::filesystem::path& path) {
    absl::StatusOr<std::unique_ptr<RecordReader>> reader = OpenRecordFile(path.string());
    if (!reader.ok()) return reader.status();
    ++library_.files;
    const std::string name = path.filename().string();
    absl::StatusOr<FactsTable> table = ReadFactsTable(**reader, name, strict_);
    if (!table.ok()) return table.status();
    library_.bytes += (*reader)->BytesTotal();
    for (auto& [account_id, company] : table->by_account) {
      CompanyFacts& kept = library_.by_account[account_id];
      if (kept.facts.empty()) {
        kept = std::move(company);
        continue;
      }
      // The same account in a second table: its facts join the first's.
      const uint32_t offset = static_cast<uint32_t>(kept.sources.size());
      for (Fact fact : company.facts) {
        fact.source += offset;
        kept.facts.push_back(fact);
      }
      kept.sources.insert(kept.sources.end(), company.sources.begin(), company.sources.end());
    }
    return Problems(table->problems);
  }

  bool strict_;
  CompanyFactsReader reader_;
  FactsLibrary library_;
};

}  // namespace

const CompanyFacts* FactsLibrary::Find(absl::string_view account_id, absl::string_view cik) const {
  if (const auto found = by_account.find(account_id); found != by_account.end()) {
    return &found->second;
  }
  if (const auto found = by_cik.find(NormalizeCik(cik)); found != by_cik.end()) {
    return &found->second;
  }
  return nullptr;
}

absl::StatusOr<FactsLibrary> LoadFacts(const std::string& path, bool strict) {
  std::error_code error;
  const std::filesystem::file_status status = std::filesystem::status(path, error);
  if (error || !std::filesystem::exists(status)) {
    return absl::NotFoundError(absl::StrCat(path, ": no such file or directory"));
  }
  Loading loading(strict);
  if (!std::filesystem::is_directory(status)) {
    if (absl::Status read = loading.Read(path); !read.ok()) return read;
    return loading.Finish();
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(path, error)) {
    if (entry.is_regular_file() && KindOf(entry.path()) != FileKind::kOther) {
      files.push_back(entry.path());
    }
  }
  if (error) return absl::NotFoundError(absl::StrCat(path, ": ", error.message()));
  std::sort(files.begin(), files.end());
  for (const std::filesystem::path& file : files) {
    if (absl::Status read = loading.Read(file); !read.ok()) return read;
  }
  return loading.Finish();
}

}  // namespace tact
