// Cryptographic digests and bytea text encoding, as PostgreSQL 15:
//   md5(text | bytea) -> text                  32 lower-case hex digits
//   sha224/sha256/sha384/sha512(bytea) -> bytea   the raw digest (Cairn's BLOB)
//   encode(bytea, 'hex' | 'base64' | 'escape') -> text
// Digests come from OpenSSL's libcrypto (EVP interface). PostgreSQL's sha* take bytea; an
// untyped literal argument ('abc', '\x616263') is read with bytea's input syntax, so Cairn's
// text overloads decode their argument the same way (hex format after \x, else the escape
// format where \\ is a backslash and \ooo an octal byte); invalid input is 22P02.
#include <openssl/evp.h>

#include <string>

#include "cairn/exception.h"
#include "function/function_registry.h"
#include "common/bytea_text.h"
#include "function/scalar/string_kernel.h"
#include "function/vector_executor.h"

namespace cairn::function {
namespace {

using executor::MakeResultString;

const LogicalType kVarchar = TypeId::VARCHAR;
const LogicalType kBlob = TypeId::BLOB;
const LogicalType kNone = TypeId::INVALID;

// The digest of `bytes` with `md` into `out` (raw bytes).
void Digest(const EVP_MD* md, std::string_view bytes, std::string& out) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, md, nullptr) != 1) {
    throw Exception(sqlstate::kInternalError, "could not compute digest");
  }
  out.assign(reinterpret_cast<const char*>(digest), length);
}

void AppendHex(std::string_view bytes, std::string& out) {
  static const char* kHex = "0123456789abcdef";
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
}


ScalarKernel Md5Kernel() {
  return UnaryStringKernel([](std::string_view bytes, std::string& out) {
    std::string digest;
    Digest(EVP_md5(), bytes, digest);
    AppendHex(digest, out);
  });
}

ScalarKernel ShaKernel(const EVP_MD* (*md)(), bool decode_text) {
  return UnaryStringKernel([md, decode_text](std::string_view input, std::string& out) {
    if (decode_text) {
      Digest(md(), bytea::FromText(input), out);
    } else {
      Digest(md(), input, out);
    }
  });
}

void AppendBase64(std::string_view bytes, std::string& out) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  // PostgreSQL breaks base64 output into lines of 76 characters.
  size_t line = 0;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t chunk = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    size_t n = std::min<size_t>(3, bytes.size() - i);
    if (n > 1) chunk |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (n > 2) chunk |= static_cast<unsigned char>(bytes[i + 2]);
    if (line >= 76) {
      out.push_back('\n');
      line = 0;
    }
    out.push_back(kAlphabet[(chunk >> 18) & 63]);
    out.push_back(kAlphabet[(chunk >> 12) & 63]);
    out.push_back(n > 1 ? kAlphabet[(chunk >> 6) & 63] : '=');
    out.push_back(n > 2 ? kAlphabet[chunk & 63] : '=');
    line += 4;
  }
}

// encode(bytes, 'escape'): backslash doubled, zero bytes and bytes >= 0x80 as \ooo octal.
void AppendEscape(std::string_view bytes, std::string& out) {
  for (unsigned char c : bytes) {
    if (c == '\\') {
      out.append("\\\\");
    } else if (c == 0 || c >= 0x80) {
      out.push_back('\\');
      out.push_back(static_cast<char>('0' + (c >> 6)));
      out.push_back(static_cast<char>('0' + ((c >> 3) & 7)));
      out.push_back(static_cast<char>('0' + (c & 7)));
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
}

}  // namespace

void RegisterHashFunctions(FunctionRegistry& r) {
  r.Add({"md5", {kVarchar}, kNone, kVarchar, Md5Kernel()});
  r.Add({"md5", {kBlob}, kNone, kVarchar, Md5Kernel()});
  struct Sha {
    const char* name;
    const EVP_MD* (*md)();
  };
  for (const Sha& sha : {Sha{"sha224", EVP_sha224}, Sha{"sha256", EVP_sha256}, Sha{"sha384", EVP_sha384}, Sha{"sha512", EVP_sha512}}) {
    r.Add({sha.name, {kBlob}, kNone, kBlob, ShaKernel(sha.md, false)});
    r.Add({sha.name, {kVarchar}, kNone, kBlob, ShaKernel(sha.md, true)});
  }
  auto encode = [](bool decode_text) -> ScalarKernel {
    return [decode_text](DataChunk& args, Vector& result) {
      std::string buffer, bytes;
      executor::BinaryExecute<string_t, string_t, string_t>(args.data[0], args.data[1], result, args.size(),
                                                            [&](const string_t& data, const string_t& format) {
                                                              std::string_view input = data.view();
                                                              if (decode_text) {
                                                                bytes = bytea::FromText(input);
                                                                input = bytes;
                                                              }
                                                              buffer.clear();
                                                              std::string_view f = format.view();
                                                              if (f == "hex") AppendHex(input, buffer);
                                                              else if (f == "base64") AppendBase64(input, buffer);
                                                              else if (f == "escape") AppendEscape(input, buffer);
                                                              else throw Exception(sqlstate::kInvalidParameterValue, "unrecognized encoding: \"" + std::string(f) + "\"");
                                                              return MakeResultString(result, buffer);
                                                            });
    };
  };
  r.Add({"encode", {kBlob, kVarchar}, kNone, kVarchar, encode(false)});
  r.Add({"encode", {kVarchar, kVarchar}, kNone, kVarchar, encode(true)});
}

}  // namespace cairn::function
