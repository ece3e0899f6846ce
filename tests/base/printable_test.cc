#include "base/printable.h"

#include <gtest/gtest.h>

namespace posenet {
namespace {

TEST(EscapeNonPrintable, KeepsTextAndEscapesEverythingATerminalWouldObey) {
  EXPECT_EQ(EscapeNonPrintable("MobilenetV1/Conv2d_0 [1,2]"), "MobilenetV1/Conv2d_0 [1,2]");
  EXPECT_EQ(EscapeNonPrintable("caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80"),
            "caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80");
  EXPECT_EQ(EscapeNonPrintable("a\x1b[2Jb"), "a\\x1b[2Jb");
  EXPECT_EQ(EscapeNonPrintable("line\r\nnext\t\x7f"), "line\\x0d\\x0anext\\x09\\x7f");
  EXPECT_EQ(EscapeNonPrintable("\xc2\x9b"
                               "31m"),
            "\\xc2\\x9b31m");                                        // C1 CSI in UTF-8
  EXPECT_EQ(EscapeNonPrintable("\x9b"), "\\x9b");                    // a lone 8-bit CSI
  EXPECT_EQ(EscapeNonPrintable("\xc0\xaf"), "\\xc0\\xaf");           // overlong '/'
  EXPECT_EQ(EscapeNonPrintable("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate
  EXPECT_EQ(EscapeNonPrintable("\xe6\x97"), "\\xe6\\x97");           // cut short
  EXPECT_EQ(EscapeNonPrintable("back\\slash"), "back\\\\slash");
  EXPECT_EQ(EscapeNonPrintable(std::string("nul\0byte", 8)), "nul\\x00byte");
}

}  // namespace
}  // namespace posenet
