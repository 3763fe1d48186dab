#pragma once
// Hashing and randomness from libsodium (the OS CSPRNG underneath).
#include <cstdint>
#include <string>
#include <string_view>

namespace arbiter {
void crypto_init();  // sodium_init once; throws on failure
std::string sha256_hex(std::string_view bytes);
std::string to_hex(const unsigned char* p, std::size_t n);
bool from_hex(std::string_view hex, unsigned char* out, std::size_t n);  // exact length
uint64_t secure_random_u64();
}  // namespace arbiter
