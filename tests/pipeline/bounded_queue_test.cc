// BoundedQueue: order, capacity, close and drop-oldest.
#include "pipeline/bounded_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace posenet {
namespace {

TEST(BoundedQueue, DeliversEveryItemInOrderAcrossThreads) {
  BoundedQueue<int> q(3);
  constexpr int kCount = 5000;
  std::thread producer([&] {
    for (int i = 0; i < kCount; ++i) ASSERT_TRUE(q.Push(i));
    q.Close();
  });
  std::vector<int> got;
  while (auto v = q.Pop()) {
    EXPECT_LE(q.size(), q.capacity());
    got.push_back(*v);
  }
  producer.join();
  ASSERT_EQ(got.size(), static_cast<size_t>(kCount));
  for (int i = 0; i < kCount; ++i) ASSERT_EQ(got[i], i);
  EXPECT_EQ(q.dropped(), 0);
}

TEST(BoundedQueue, CloseHandsOutWhatIsLeftThenEnds) {
  BoundedQueue<int> q(4);
  EXPECT_TRUE(q.Push(1));
  EXPECT_TRUE(q.Push(2));
  q.Close();
  EXPECT_TRUE(q.closed());
  EXPECT_FALSE(q.Push(3));
  EXPECT_EQ(q.Pop(), 1);
  EXPECT_EQ(q.Pop(), 2);
  EXPECT_EQ(q.Pop(), std::nullopt);
  EXPECT_EQ(q.Pop(), std::nullopt);
}

TEST(BoundedQueue, CloseWakesABlockedPusher) {
  BoundedQueue<int> q(1);
  ASSERT_TRUE(q.Push(0));
  std::atomic<int> result{-1};
  std::thread pusher([&] { result = q.Push(1) ? 1 : 0; });  // waits: the queue is full
  q.Close();
  pusher.join();
  EXPECT_EQ(result.load(), 0);
  EXPECT_EQ(q.Pop(), 0);  // the item queued before Close is still there
  EXPECT_EQ(q.Pop(), std::nullopt);
}

TEST(BoundedQueue, CloseWakesABlockedPopper) {
  BoundedQueue<int> q(2);
  std::atomic<bool> got_nothing{false};
  std::thread popper([&] { got_nothing = !q.Pop().has_value(); });
  q.Close();
  popper.join();
  EXPECT_TRUE(got_nothing.load());
}

TEST(BoundedQueue, BlockingPushWaitsForRoom) {
  BoundedQueue<int> q(1);
  ASSERT_TRUE(q.Push(10));
  std::atomic<bool> pushed{false};
  std::thread pusher([&] { pushed = q.Push(11); });
  EXPECT_EQ(q.Pop(), 10);  // makes room; the pusher can then finish
  pusher.join();
  EXPECT_TRUE(pushed.load());
  EXPECT_EQ(q.Pop(), 11);
  EXPECT_EQ(q.dropped(), 0);
}

TEST(BoundedQueue, DropOldestKeepsTheNewestItems) {
  BoundedQueue<int> q(2, QueueFullPolicy::kDropOldest);
  for (int i = 1; i <= 5; ++i) EXPECT_TRUE(q.Push(i));  // never waits
  EXPECT_EQ(q.size(), 2u);
  EXPECT_EQ(q.dropped(), 3);
  EXPECT_EQ(q.Pop(), 4);
  EXPECT_EQ(q.Pop(), 5);
  EXPECT_TRUE(q.Push(6));
  EXPECT_EQ(q.Pop(), 6);
  EXPECT_EQ(q.dropped(), 3);
}

TEST(BoundedQueue, TryPushRefusesWhenFullOrClosed) {
  BoundedQueue<int> q(2);
  EXPECT_TRUE(q.TryPush(1));
  EXPECT_TRUE(q.TryPush(2));
  EXPECT_FALSE(q.TryPush(3));  // full: refused at once, nothing dropped
  EXPECT_EQ(q.dropped(), 0);
  EXPECT_EQ(q.Pop(), 1);
  EXPECT_TRUE(q.TryPush(4));
  q.Close();
  EXPECT_FALSE(q.TryPush(5));
  EXPECT_EQ(q.Pop(), 2);
  EXPECT_EQ(q.Pop(), 4);
  EXPECT_EQ(q.Pop(), std::nullopt);
}

TEST(BoundedQueue, ZeroCapacityMeansOne) {
  BoundedQueue<int> q(0, QueueFullPolicy::kDropOldest);
  EXPECT_EQ(q.capacity(), 1u);
  q.Push(1);
  q.Push(2);
  EXPECT_EQ(q.Pop(), 2);
}

}  // namespace
}  // namespace posenet
