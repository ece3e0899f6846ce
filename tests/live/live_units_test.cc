// The live layer's pieces on hand-made input: latency quantiles, endpoints, the pose query,
// the Prometheus text, and OSC bundles as a liblo receiver gets them.
#include <gtest/gtest.h>
#include <lo/lo.h>

#include <cmath>
#include <map>

#include "live/endpoint.h"
#include "live/latency_log.h"
#include "live/metrics.h"
#include "live/osc_sink.h"
#include "live/pose_service.h"
#include "osc_args.h"

namespace posenet {
namespace {

TEST(LatencyLog, QuantilesWithinOnePercent) {
  LatencyLog log;
  EXPECT_EQ(log.Quantile(0.5), 0);
  for (int i = 1; i <= 1000; ++i) log.Add(i * 0.1);  // 0.1 ... 100 ms
  EXPECT_EQ(log.count(), 1000);
  EXPECT_NEAR(log.Quantile(0.5), 50.0, 0.5);
  EXPECT_NEAR(log.Quantile(0.99), 99.0, 1.0);
  EXPECT_NEAR(log.Quantile(1.0), 100.0, 1.0);
  log.Add(-3);  // clock oddities land in the first bucket
  log.Add(1e9);
  EXPECT_EQ(log.count(), 1002);
}

TEST(Endpoint, ParsesHostsPortsAndRefusesJunk) {
  auto e = ParseEndpoint("--osc", "192.168.1.5:9000", "", false);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->host, "192.168.1.5");
  EXPECT_EQ(e->port, 9000);
  e = ParseEndpoint("--websocket", "8080", "127.0.0.1", true);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->text(), "127.0.0.1:8080");
  e = ParseEndpoint("--listen", "[::1]:0", "127.0.0.1", true);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->host, "::1");
  EXPECT_EQ(ParseEndpoint("--osc", "9000", "", false).message(),
            "--osc: cannot use '9000': expected HOST:PORT");
  EXPECT_FALSE(ParseEndpoint("--osc", "host:0", "", false).ok());
  EXPECT_FALSE(ParseEndpoint("--osc", "host:70000", "", false).ok());
  EXPECT_FALSE(ParseEndpoint("--osc", "host:12ab", "", false).ok());
  EXPECT_FALSE(ParseEndpoint("--osc", ":9000", "", false).ok());
}

TEST(PoseQuery, SetsOptionsAndNamesBadOnes) {
  const EstimatorOptions defaults;
  auto o = ParsePoseQuery(
      "input_size=257x353&output_stride=8&decoder=single&max_poses=3&score_threshold=0.25&"
      "nms_radius=12.5&token=x",
      defaults, 1281);
  ASSERT_TRUE(o.ok()) << o.message();
  EXPECT_EQ(o->session.input_height, 257);
  EXPECT_EQ(o->session.input_width, 353);
  EXPECT_EQ(o->session.output_stride, 8);
  EXPECT_EQ(o->decoder, DecoderKind::kSinglePose);
  EXPECT_EQ(o->max_poses, 3);
  EXPECT_EQ(o->score_threshold, 0.25f);
  EXPECT_EQ(o->nms_radius, 12.5f);
  EXPECT_EQ(ParsePoseQuery("input_size=2000x300", defaults, 1281).message(),
            "cannot use input_size=2000x300: sides must be 17-1281");
  EXPECT_FALSE(ParsePoseQuery("max_poses=0", defaults, 1281).ok());
  EXPECT_FALSE(ParsePoseQuery("score_threshold=nan", defaults, 1281).ok());
  EXPECT_FALSE(ParsePoseQuery("decoder=best", defaults, 1281).ok());
  EXPECT_FALSE(ParsePoseQuery("input_size=12", defaults, 1281).ok());
}

TEST(Metrics, PrometheusTextCountsAndBuckets) {
  Metrics m;
  m.CountRequest(200, 0.02);
  m.CountRequest(200, 0.3);
  m.CountRequest(413, 0.001);
  m.CountFrame(0);
  m.CountFrame(3);
  m.SetClients(2);
  m.CountDroppedMessages(5);
  const std::string t = m.Text();
  for (const char* line :
       {"posenet_http_requests_total{code=\"200\"} 2\n",
        "posenet_http_requests_total{code=\"413\"} 1\n", "posenet_http_errors_total 1\n",
        "posenet_http_request_duration_seconds_bucket{le=\"0.005\"} 1\n",
        "posenet_http_request_duration_seconds_bucket{le=\"0.025\"} 2\n",
        "posenet_http_request_duration_seconds_bucket{le=\"0.5\"} 3\n",
        "posenet_http_request_duration_seconds_bucket{le=\"+Inf\"} 3\n",
        "posenet_http_request_duration_seconds_count 3\n", "posenet_frames_total 2\n",
        "posenet_frames_dropped_total 3\n", "posenet_websocket_clients 2\n",
        "posenet_websocket_messages_dropped_total 5\n", "# TYPE posenet_frames_total counter\n"}) {
    EXPECT_NE(t.find(line), std::string::npos) << line << " not in\n" << t;
  }
}

// What a liblo server received: bundles of (address, arguments).
struct Received {
  struct Message {
    std::string address, types;
    std::vector<double> args;
  };
  std::vector<std::vector<Message>> bundles;
  bool in_bundle = false;
};

int OnStart(lo_timetag, void* data) {
  auto* r = static_cast<Received*>(data);
  r->bundles.emplace_back();
  r->in_bundle = true;
  return 0;
}
int OnEnd(void* data) {
  static_cast<Received*>(data)->in_bundle = false;
  return 0;
}
int OnMessage(const char* path, const char* types, lo_arg** argv, int argc, lo_message,
              void* data) {
  auto* r = static_cast<Received*>(data);
  if (!r->in_bundle) r->bundles.emplace_back();  // a message outside a bundle: its own entry
  Received::Message m{path, types, {}};
  for (int i = 0; i < argc; ++i) m.args.push_back(testing::OscNumber(argv[i], types[i]));
  r->bundles.back().push_back(m);
  return 0;
}

class OscSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = lo_server_new_with_proto(nullptr, LO_UDP, nullptr);  // a free port
    ASSERT_NE(server_, nullptr);
    lo_server_add_bundle_handlers(server_, OnStart, OnEnd, &received_);
    lo_server_add_method(server_, nullptr, nullptr, OnMessage, &received_);
  }
  void TearDown() override { lo_server_free(server_); }
  void Receive(size_t bundles) {
    for (int i = 0; i < 200 && received_.bundles.size() < bundles; ++i) {
      lo_server_recv_noblock(server_, 20);
    }
  }
  OscOptions Options() const {
    OscOptions o;
    o.target = {"127.0.0.1", lo_server_get_port(server_)};
    return o;
  }
  static FrameResult Frame(int people) {
    FrameResult r;
    r.frame.index = 7;
    r.frame.timestamp_ms = 280;
    r.frame.image = Image(200, 100);
    for (int p = 0; p < people; ++p) {
      Pose pose;
      pose.id = 10 + p;
      pose.score = 0.5f + 0.01f * p;
      pose.box = {1, 2, 30, 40};
      for (int k = 0; k < kNumKeypoints; ++k) pose.keypoints[k] = {10.0f + k, 50.0f + p, 0.1f * k};
      r.poses.push_back(pose);
    }
    return r;
  }
  lo_server server_ = nullptr;
  Received received_;
};

TEST_F(OscSinkTest, OneBundlePerFrameWithTheAddressScheme) {
  auto sink = OscSink::Open(Options());
  ASSERT_TRUE(sink.ok()) << sink.message();
  ASSERT_TRUE((*sink)->Write(Frame(2)).ok());
  Receive(1);
  ASSERT_EQ(received_.bundles.size(), 1u);
  const auto& b = received_.bundles[0];
  ASSERT_EQ(b.size(), 2u + 2 * 18);  // frame, people, then per person its box and 17 keypoints
  EXPECT_EQ(b[0].address, "/frame");
  EXPECT_EQ(b[0].types, "ifiii");
  EXPECT_EQ(b[0].args, (std::vector<double>{7, 280, 2, 200, 100}));
  EXPECT_EQ(b[1].address, "/people");
  EXPECT_EQ(b[1].args, (std::vector<double>{10, 11}));
  EXPECT_EQ(b[2].address, "/pose/10");
  EXPECT_EQ(b[2].args, (std::vector<double>{0.5f, 1, 2, 30, 40}));
  EXPECT_EQ(b[3].address, "/pose/10/nose");
  EXPECT_EQ(b[3].types, "fff");
  EXPECT_EQ(b[3].args, (std::vector<double>{10, 50, 0}));
  EXPECT_EQ(b[19].address, "/pose/10/right_ankle");
  EXPECT_EQ(b[19].args, (std::vector<double>{26, 50, 0.1f * 16}));
  EXPECT_EQ(b[20].address, "/pose/11");
  EXPECT_EQ((*sink)->figures().messages, 1);
}

TEST_F(OscSinkTest, NormalizedWithPrefix) {
  OscOptions o = Options();
  o.normalized = true;
  o.prefix = "/cam1";
  auto sink = OscSink::Open(o);
  ASSERT_TRUE(sink.ok());
  ASSERT_TRUE((*sink)->Write(Frame(1)).ok());
  Receive(1);
  ASSERT_EQ(received_.bundles.size(), 1u);
  const auto& b = received_.bundles[0];
  EXPECT_EQ(b[0].address, "/cam1/frame");
  EXPECT_EQ(b[2].address, "/cam1/pose/10");
  EXPECT_EQ(b[2].args, (std::vector<double>{0.5f, 1 * (1.0f / 200), 2 * (1.0f / 100),
                                            30 * (1.0f / 200), 40 * (1.0f / 100)}));
  EXPECT_EQ(b[4].address, "/cam1/pose/10/left_eye");
  EXPECT_EQ(b[4].args, (std::vector<double>{11 * (1.0f / 200), 50 * (1.0f / 100), 0.1f}));
  EXPECT_FALSE(OscSink::Open({o.target, false, "cam/"}).ok());
}

TEST_F(OscSinkTest, CrowdsContinueInFurtherBundles) {
  auto sink = OscSink::Open(Options());
  ASSERT_TRUE(sink.ok());
  ASSERT_TRUE((*sink)->Write(Frame(80)).ok());  // 80 people: about 85 KB of messages
  Receive(2);
  ASSERT_EQ(received_.bundles.size(), 2u);
  EXPECT_EQ(received_.bundles[0][0].address, "/frame");
  EXPECT_EQ(received_.bundles[0].size() + received_.bundles[1].size(), 2u + 80 * 18);
  EXPECT_EQ(received_.bundles[1].back().address, "/pose/89/right_ankle");
}

}  // namespace
}  // namespace posenet
