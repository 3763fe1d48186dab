// The server's view of report signatures: the same canonical form and checks as `arbiter verify`
// (core/signing), plus the rule that only the worker's registered key counts.
#include "service/report_verify.hpp"

#include <algorithm>

#include "core/signing.hpp"

namespace arbiter::service {

std::string verify_report_signature(const nlohmann::json& report, const std::string& trusted_public_key_hex) {
  VerifyResult r = verify_report(report, {trusted_public_key_hex});
  if (!r.ok) return "the report's signature does not verify (" + r.why + "): it was altered or forged";
  if (!r.trusted)
    return "the report was signed by key " + report.value("public_key", std::string()).substr(0, 16) +
           "…, not by this worker's registered key " + trusted_public_key_hex.substr(0, 16) + "…";
  return {};
}

void sign_report(nlohmann::json& report, const unsigned char secret_key[64], const unsigned char public_key[32]) {
  SigningKey k;
  std::copy(secret_key, secret_key + 64, k.secret_key.begin());
  std::copy(public_key, public_key + 32, k.public_key.begin());
  arbiter::sign_report(report, k);
}

}  // namespace arbiter::service
