// The web view page (web/view.html), compiled in by CMake (view_page.cc.in).
#pragma once

namespace posenet {

extern const char kViewPage[];

}  // namespace posenet
