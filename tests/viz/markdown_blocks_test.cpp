#include "viz/model/markdown_blocks.hpp"

#include <doctest/doctest.h>

namespace pushlab::viz {

TEST_CASE("markdown blocks: headings, paragraphs and the styles inside them") {
  const auto blocks = parse_markdown(
      "### A `101` heading\n\nOne *two* **three**\nfour `five` [six](http://x) ~~seven~~.\n");
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].kind == BlockKind::heading);
  CHECK(blocks[0].heading_level == 3);
  CHECK(blocks[0].text == StyledText{{"A ", text_plain}, {"101", text_code}, {" heading", 0}});
  CHECK(blocks[1].kind == BlockKind::paragraph);
  // A soft line break is a space; spans of one style join.
  CHECK(blocks[1].text == StyledText{{"One ", text_plain},
                                     {"two", text_emphasis},
                                     {" ", text_plain},
                                     {"three", text_strong},
                                     {" four ", text_plain},
                                     {"five", text_code},
                                     {" ", text_plain},
                                     {"six", text_link},
                                     {" ", text_plain},
                                     {"seven", text_struck},
                                     {".", text_plain}});
  SUBCASE("styles nest") {
    const auto nested = parse_markdown("**bold `code`**");
    REQUIRE(nested.size() == 1);
    CHECK(nested[0].text == StyledText{{"bold ", text_strong}, {"code", text_strong | text_code}});
  }
}

TEST_CASE("markdown blocks: lists, bulleted and numbered, nested, tight and loose") {
  const auto blocks = parse_markdown(
      "3. first\n4. second\n   - inner *a*\n   - inner b\n\n   more of second\n\n- loose\n");
  REQUIRE(blocks.size() == 6);
  CHECK(blocks[0].kind == BlockKind::list_item);
  CHECK(blocks[0].marker == "3.");  // numbering starts where the Markdown does
  CHECK(blocks[0].indent == 1);
  CHECK(blocks[1].marker == "4.");
  CHECK(plain_text({blocks[1]}) == "4. second\n");
  CHECK(blocks[2].marker == "-");
  CHECK(blocks[2].indent == 2);
  CHECK(blocks[2].text == StyledText{{"inner ", text_plain}, {"a", text_emphasis}});
  CHECK(blocks[3].indent == 2);
  // The item's second paragraph sits at the item's depth.
  CHECK(blocks[4].kind == BlockKind::paragraph);
  CHECK(blocks[4].indent == 1);
  CHECK(plain_text({blocks[4]}) == "more of second\n");
  CHECK(blocks[5].marker == "-");
  CHECK(blocks[5].indent == 1);
}

TEST_CASE("markdown blocks: code blocks keep their lines, tables their cells") {
  const auto blocks = parse_markdown(
      "```\nGET / HTTP/1.1\n  Host: x\n```\n\n| a | **b** |\n|---|---|\n| 1 | `2` |\n\n---\n");
  REQUIRE(blocks.size() == 3);
  CHECK(blocks[0].kind == BlockKind::code);
  CHECK(blocks[0].text == StyledText{{"GET / HTTP/1.1\n  Host: x", text_code}});
  CHECK(blocks[1].kind == BlockKind::table);
  REQUIRE(blocks[1].rows.size() == 2);
  CHECK(blocks[1].rows[0] == std::vector<StyledText>{{{"a", text_plain}}, {{"b", text_strong}}});
  CHECK(blocks[1].rows[1] == std::vector<StyledText>{{{"1", text_plain}}, {{"2", text_code}}});
  CHECK(blocks[2].kind == BlockKind::rule);
}

TEST_CASE("markdown blocks: entities, quotes, hard breaks and inline text") {
  const auto blocks = parse_markdown("> a &amp; b &#35; &#x2192; &bogus;  \n> next\n");
  REQUIRE(blocks.size() == 1);
  CHECK(blocks[0].quoted);
  CHECK(blocks[0].indent == 1);
  CHECK(plain_text(blocks) == "a & b # \u2192 &bogus;\nnext\n");
  CHECK(parse_inline("The `101`") == StyledText{{"The ", text_plain}, {"101", text_code}});
  CHECK(parse_inline("").empty());
  // A title as a list shows it: the words without the Markdown.
  CHECK(plain_text(parse_inline("Why `ws://` *fails*")) == "Why ws:// fails");
  CHECK(parse_markdown("").empty());
}

}  // namespace pushlab::viz
