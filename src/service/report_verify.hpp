#pragma once
// Verifies a judge report's Ed25519 signature (docs/REPORT.md): the canonical form is the report
// without `signature`, serialised by nlohmann::json dump(); the key must be the one we trust.
#include <nlohmann/json.hpp>
#include <string>

namespace arbiter::service {

// Returns "" if the report is signed by `trusted_public_key_hex`, else why not.
std::string verify_report_signature(const nlohmann::json& report, const std::string& trusted_public_key_hex);

// Signs a report in place (used by tests and the fake judge): sets key_id, public_key, signature.
void sign_report(nlohmann::json& report, const unsigned char secret_key[64], const unsigned char public_key[32]);

}  // namespace arbiter::service
