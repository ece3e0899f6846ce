#include "decode/tfjs_max_heap.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace posenet {
namespace {

struct Item {
  float score;
  char name;
};

std::string PopAll(const std::vector<Item>& items) {
  auto key = [](const Item& i) { return i.score; };
  TfjsMaxHeap<Item, decltype(key)> heap(key);
  for (const Item& i : items) heap.push(i);
  std::string order;
  while (!heap.empty()) order += heap.pop().name;
  return order;
}

TEST(TfjsMaxHeap, PopsInDecreasingScore) {
  EXPECT_EQ(
      PopAll({{3, 'c'}, {1, 'a'}, {4, 'd'}, {0, 'z'}, {5, 'e'}, {9, 'i'}, {2, 'x'}, {6, 'f'}}),
      "ifedcxaz");
}

// Orders worked out by hand with max_heap.ts's swim/sink (slot 0's only child is slot 1).
TEST(TfjsMaxHeap, EqualScoresPopInTfjsOrder) {
  // [a b c d] -> pop a, swap d to the root, d is not below b: d; then c, then b.
  EXPECT_EQ(PopAll({{1, 'a'}, {1, 'b'}, {1, 'c'}, {1, 'd'}}), "adcb");
  // push a2 b5 c2 d5 -> [b5 d5 c2 a2]; pops b, d, then c before a.
  EXPECT_EQ(PopAll({{2, 'a'}, {5, 'b'}, {2, 'c'}, {5, 'd'}}), "bdca");
  // push a1 b2 c2 d2 e1 f2 -> [b c f d e a]. Pop b: a sinks under c, then under f (the left
  // child wins a tie): [c f a d e]. Pop c: e sinks under f, then under d: [f d a e]. Then f,
  // d, and a (at the root, e does not beat it) before e.
  EXPECT_EQ(PopAll({{1, 'a'}, {2, 'b'}, {2, 'c'}, {2, 'd'}, {1, 'e'}, {2, 'f'}}), "bcfdae");
}

}  // namespace
}  // namespace posenet
