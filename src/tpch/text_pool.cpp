#include "tpch/text_pool.h"

#include <cstring>
#include <limits>

#include "tpch/distribution_data.h"
#include "tpch/random_stream.h"

namespace cairn::tpch {
namespace {

/// The stream the pool is drawn from (dbgen's stream 5).
constexpr int64_t kTextPoolSeed = 933588178;
/// No sentence is longer than this (the longest forms with the longest words stay well below).
constexpr int64_t kMaxSentenceLength = 512;

/// Appends sentences to a buffer; `end` is the write position.
class SentenceWriter {
 public:
  SentenceWriter(const TpchDistributions& d, char* end) : d_(d), end_(end) {}

  void Sentence(RandomStream& stream) {
    const std::string_view form = d_.sentence_forms.Pick(stream);
    for (char part : form) {
      switch (part) {
        case 'N':
          NounPhrase(stream);
          break;
        case 'V':
          VerbPhrase(stream);
          break;
        case 'P':
          Append(d_.prepositions.Pick(stream));
          Append(" the ");
          NounPhrase(stream);
          break;
        case 'T':
          end_--;  // the terminator abuts the last word
          Append(d_.terminators.Pick(stream));
          *end_++ = ' ';  // every sentence is followed by a space
          break;
      }
    }
  }

  char* end() const { return end_; }

 private:
  void NounPhrase(RandomStream& stream) {
    const std::string_view form = d_.noun_phrase_forms.Pick(stream);
    for (size_t i = 0; i < form.size(); i++) {
      const Distribution* words = nullptr;
      switch (form[i]) {
        case 'A':
          words = &d_.articles;
          break;
        case 'J':
          words = &d_.adjectives;
          break;
        case 'D':
          words = &d_.adverbs;
          break;
        case 'N':
          words = &d_.nouns;
          break;
      }
      Append(words->Pick(stream));
      if (i + 1 < form.size() && form[i + 1] == ',') {
        *end_++ = ',';
        i++;
      }
      *end_++ = ' ';
    }
  }

  void VerbPhrase(RandomStream& stream) {
    const std::string_view form = d_.verb_phrase_forms.Pick(stream);
    for (char part : form) {
      const Distribution* words = part == 'X' ? &d_.auxiliaries : part == 'V' ? &d_.verbs : &d_.adverbs;
      Append(words->Pick(stream));
      *end_++ = ' ';
    }
  }

  void Append(std::string_view text) {
    std::memcpy(end_, text.data(), text.size());
    end_ += text.size();
  }

  const TpchDistributions& d_;
  char* end_;
};

}  // namespace

TextPool::TextPool(int64_t size)
    : text_(new char[static_cast<size_t>(size + kMaxSentenceLength)]), size_(size) {
  RandomStream stream(kTextPoolSeed, std::numeric_limits<int32_t>::max());
  SentenceWriter writer(GetTpchDistributions(), text_.get());
  char* const limit = text_.get() + size;
  while (writer.end() < limit) writer.Sentence(stream);
}

}  // namespace cairn::tpch
