// The live server in process, with the real pose service on the small Coral model: answers to
// well-formed and hostile requests (truncated body, huge Content-Length, a 30000x30000 PNG
// header, garbage, a slowloris trickle), 503 when full, the token, and slow WebSocket clients
// losing their oldest frames while a fast one gets every frame.
#include "live/live_server.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "live/pose_service.h"
#include "raw_http.h"
#include "shared_data.h"

namespace posenet {
namespace {

using testing::Exchange;
using testing::PostRequest;
using testing::RawWebSocket;

std::string ReadText(const std::string& path) {
  const std::vector<uint8_t> bytes = testing::ReadBytes(path);
  return std::string(bytes.begin(), bytes.end());
}

std::string PngChunk(const std::string& type, const std::string& data) {
  auto be32 = [](uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  const std::string typed = type + data;
  const auto crc = static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(typed.data()), static_cast<uInt>(typed.size())));
  return be32(static_cast<uint32_t>(data.size())) + typed + be32(crc);
}

// A valid PNG whose header claims 30000 x 30000 RGB pixels (2.7 GB once decoded).
std::string HugePng() {
  std::string ihdr = {0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30, 8, 2, 0, 0, 0};
  return std::string("\x89PNG\r\n\x1a\n", 8) + PngChunk("IHDR", ihdr) +
         PngChunk("IDAT", std::string("\x78\x9c\x03\x00\x00\x00\x00\x01", 8)) +
         PngChunk("IEND", "");
}

class LiveServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto model = Model::Load(
        testing::SharedPath("data/models/posenet_mobilenet_v1_075_353_481_quant_decoder.tflite"));
    ASSERT_TRUE(model.ok()) << model.message();
    PoseServiceOptions service_options;
    service_options.queue = 4;
    auto service = PoseService::Start(*model, service_options);
    ASSERT_TRUE(service.ok()) << service.message();
    service_ = std::move(service).value();
    StartServer("");
  }

  void StartServer(const std::string& token) {
    server_.reset();
    LiveServerOptions options;
    options.listen = {"127.0.0.1", 0};
    options.token = token;
    options.header_timeout_s = 1;
    options.body_timeout_s = 1;
    options.client_queue = 2;
    options.max_body_bytes = 1 << 20;
    options.poses = [this](PoseRequest&& request, Respond respond) {
      if (refuse_.load()) return false;
      return service_->Submit(std::move(request), std::move(respond));
    };
    metrics_ = std::make_shared<Metrics>();
    auto server = LiveServer::Start(options, metrics_);
    ASSERT_TRUE(server.ok()) << server.message();
    server_ = std::move(server).value();
  }

  int port() const { return server_->port(); }

  // The reply's JSON error message; fails the test when the reply is not a JSON error.
  static std::string ErrorOf(const testing::RawReply& r) {
    const auto j = nlohmann::json::parse(r.body, nullptr, false);
    EXPECT_TRUE(j.is_object() && j.contains("error")) << r.raw;
    return j.is_object() && j.contains("error") ? j["error"].get<std::string>() : "";
  }

  void ExpectStillServing() {
    const auto r = Exchange(port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 10);
    EXPECT_EQ(r.status, 200) << r.raw;
    EXPECT_EQ(r.body, "{\"status\":\"ok\"}\n");
  }

  std::unique_ptr<PoseService> service_;
  std::shared_ptr<Metrics> metrics_;
  std::unique_ptr<LiveServer> server_;
  std::atomic<bool> refuse_{false};
};

TEST_F(LiveServerTest, PosesOfAPictureAsEstimateGivesThem) {
  const std::string jpeg = ReadText(testing::SharedPath("data/images/test_couple.jpg"));
  const auto r = Exchange(port(), PostRequest("/v1/poses?max_poses=3", jpeg), 60);
  ASSERT_EQ(r.status, 200) << r.raw;
  const auto got = nlohmann::json::parse(r.body);
  // The same picture through an Estimator of the same model and options.
  auto model = Model::Load(
      testing::SharedPath("data/models/posenet_mobilenet_v1_075_353_481_quant_decoder.tflite"));
  EstimatorOptions options;
  options.max_poses = 3;
  auto estimator = Estimator::Create(*model, options);
  auto picture = DecodePicture(
      testing::ReadBytes(testing::SharedPath("data/images/test_couple.jpg")), "test_couple.jpg");
  ASSERT_TRUE(picture.ok());
  auto poses = (*estimator)
                   ->Estimate(RgbView{picture->data(), picture->width(), picture->height(),
                                      picture->stride()});
  ASSERT_TRUE(poses.ok());
  ASSERT_EQ(got["poses"].size(), poses->size());
  ASSERT_GE(poses->size(), 2u);
  for (size_t i = 0; i < poses->size(); ++i) {
    for (int k = 0; k < kNumKeypoints; ++k) {
      const auto& kp = got["poses"][i]["keypoints"][k];
      EXPECT_EQ(kp["x"].get<float>(), (*poses)[i].keypoints[k].x);
      EXPECT_EQ(kp["y"].get<float>(), (*poses)[i].keypoints[k].y);
      EXPECT_EQ(kp["score"].get<float>(), (*poses)[i].keypoints[k].score);
    }
  }
  EXPECT_EQ(got["image"]["width"], picture->width());
  EXPECT_EQ(got["model"]["input_width"], 481);
}

TEST_F(LiveServerTest, BadOptionsAndBodiesAreJsonErrors) {
  auto r = Exchange(port(), PostRequest("/v1/poses?output_stride=7", "x"), 10);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(ErrorOf(r).find("output_stride=7"), std::string::npos);
  r = Exchange(port(), PostRequest("/v1/poses?colour=red", "x"), 10);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(ErrorOf(r).find("unknown option 'colour'"), std::string::npos);
  r = Exchange(port(), PostRequest("/v1/poses", "not a picture at all"), 10);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(ErrorOf(r).find("not a JPEG, PNG"), std::string::npos);
  r = Exchange(port(), "GET /v1/poses HTTP/1.1\r\nHost: x\r\n\r\n", 10);
  EXPECT_EQ(r.status, 405);
  r = Exchange(port(), "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n", 10);
  EXPECT_EQ(r.status, 404);
  ErrorOf(r);
  r = Exchange(port(), "POST /v1/poses HTTP/1.1\r\nHost: x\r\n\r\n", 10);
  EXPECT_EQ(r.status, 411);
}

TEST_F(LiveServerTest, TruncatedBodyTimesOutWith408) {
  const auto r = Exchange(
      port(), "POST /v1/poses HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n\xff\xd8\xff", 10);
  EXPECT_EQ(r.status, 408) << r.raw;
  EXPECT_NE(ErrorOf(r).find("did not arrive"), std::string::npos);
  EXPECT_NE(r.raw.find("connection: close"), std::string::npos);
  ExpectStillServing();
}

TEST_F(LiveServerTest, HugeContentLengthIsRefusedBeforeReading) {
  for (const char* length : {"2000000", "99999999999999", "999999999999999999999999999999"}) {
    const auto r = Exchange(
        port(),
        std::string("POST /v1/poses HTTP/1.1\r\nHost: x\r\nContent-Length: ") + length + "\r\n\r\n",
        10);
    EXPECT_EQ(r.status, 413) << length << ": " << r.raw;
    EXPECT_NE(ErrorOf(r).find("larger than 1048576 bytes"), std::string::npos);
  }
  const auto r = Exchange(port(), PostRequest("/v1/poses", "12345") + "6789", 10);
  ExpectStillServing();
  (void)r;
}

TEST_F(LiveServerTest, HugePngHeaderIs422WithoutDecoding) {
  const auto r = Exchange(port(), PostRequest("/v1/poses", HugePng()), 10);
  EXPECT_EQ(r.status, 422) << r.raw;
  EXPECT_NE(ErrorOf(r).find("30000x30000"), std::string::npos);
}

TEST_F(LiveServerTest, GarbageIsA400JsonError) {
  for (const std::string& garbage : {std::string("\x00\x01\x02garbage\r\n\r\n\xff\xfe", 16),
                                     std::string("HELLO\r\n\r\n"), std::string(5000, '\x7f')}) {
    const auto r = Exchange(port(), garbage, 10);
    EXPECT_EQ(r.status, 400) << r.raw;
    EXPECT_EQ(ErrorOf(r), "not an HTTP request");
    EXPECT_NE(r.raw.find("connection: close"), std::string::npos);
  }
  ExpectStillServing();
}

TEST_F(LiveServerTest, SlowlorisTrickleIsCutOff) {
  // Headers a byte every 100 ms never end: the connection is closed after the 1 s header
  // timeout, long before the trickle would finish (20 s).
  const std::string headers =
      "POST /v1/poses HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(200, 'a') + "\r\n\r\n";
  const auto r = Exchange(port(), headers, 15, 1, 100);
  EXPECT_TRUE(r.closed);
  EXPECT_LT(r.seconds, 10);
  // A body trickling in (headers within 0.3 s, then 40 bytes every 100 ms, 10 s in all) gets
  // the 408 after the 1 s body timeout.
  const auto b = Exchange(port(), PostRequest("/v1/poses", std::string(4000, 'x')), 15, 40, 100);
  EXPECT_EQ(b.status, 408) << b.raw;
  ExpectStillServing();
}

TEST_F(LiveServerTest, FullQueueIs503) {
  refuse_ = true;
  const auto r = Exchange(port(), PostRequest("/v1/poses", "x"), 10);
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(ErrorOf(r).find("busy"), std::string::npos);
  const std::string metrics = metrics_->Text();
  EXPECT_NE(metrics.find("posenet_http_requests_total{code=\"503\"} 1"), std::string::npos)
      << metrics;
}

TEST_F(LiveServerTest, TokenIsRequiredExceptForHealth) {
  StartServer("s3cret");
  auto r = Exchange(port(), "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n", 10);
  EXPECT_EQ(r.status, 401);
  r = Exchange(port(), "GET /metrics HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong\r\n\r\n",
               10);
  EXPECT_EQ(r.status, 401);
  r = Exchange(port(), "GET /metrics HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret\r\n\r\n",
               10);
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("posenet_http_requests_total{code=\"401\"} 2"), std::string::npos);
  r = Exchange(port(), "GET /?token=s3cret HTTP/1.1\r\nHost: x\r\n\r\n", 10);
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<canvas"), std::string::npos);
  EXPECT_FALSE(RawWebSocket(port(), "/ws").ok());
  EXPECT_TRUE(RawWebSocket(port(), "/ws?token=s3cret").ok());
  ExpectStillServing();
}

TEST_F(LiveServerTest, SlowClientLosesOldFramesFastClientGetsAll) {
  RawWebSocket fast(port(), "/ws"), slow(port(), "/ws");  // slow never reads
  ASSERT_TRUE(fast.ok() && slow.ok());
  ASSERT_TRUE(server_->WaitForClients(2, nullptr));
  constexpr int kFrames = 40;
  std::vector<std::string> got;
  std::atomic<int> received{0};
  std::thread reader([&] {
    std::string payload;
    bool binary = false;
    while (got.size() < kFrames && fast.Read(payload, binary, 30)) {
      got.push_back(payload);
      ++received;
    }
  });
  // Frames of 1 MB each: the slow client's socket fills after a few, then its queue (2). The
  // next frame goes out once the fast client has read the last one, so however busy the
  // machine, only the slow client falls behind.
  for (int i = 0; i < kFrames; ++i) {
    auto frame = std::make_shared<LiveFrame>();
    frame->json =
        "{\"frame\":" + std::to_string(i) + ",\"pad\":\"" + std::string(1 << 20, 'p') + "\"}";
    frame->arrival = std::chrono::steady_clock::now();
    server_->Publish(std::move(frame));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (received.load() <= i && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  reader.join();
  ASSERT_EQ(got.size(), static_cast<size_t>(kFrames));
  for (int i = 0; i < kFrames; ++i) {
    EXPECT_EQ(got[i].rfind("{\"frame\":" + std::to_string(i) + ",", 0), 0u) << i;
  }
  const DeliveryFigures f = server_->figures();
  EXPECT_GT(f.dropped, 0);
  EXPECT_GE(f.messages, kFrames);
  EXPECT_NE(metrics_->Text().find("posenet_websocket_clients 2"), std::string::npos);
}

}  // namespace
}  // namespace posenet
