#include "live/osc_sink.h"

#include <lo/lo.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <vector>

namespace posenet {
namespace {

// Keeps a bundle within one UDP datagram on any network (65507 bytes less headroom).
constexpr size_t kMaxBundleBytes = 60000;

// An OSC message with its address, owned until the bundle holding it is sent.
struct Message {
  std::string address;
  lo_message message;
};

class Bundle {
 public:
  Bundle() : bundle_(lo_bundle_new(lo_timetag{0, 1})) {}  // timetag 1: "immediately"
  ~Bundle() { lo_bundle_free_recursive(bundle_); }
  Bundle(const Bundle&) = delete;
  Bundle& operator=(const Bundle&) = delete;
  // Adds the message (taking it) unless the bundle would outgrow a datagram; false then.
  bool Add(Message& m) {
    if (count_ > 0 && lo_bundle_length(bundle_) + 16 + m.address.size() +
                              lo_message_length(m.message, m.address.c_str()) >
                          kMaxBundleBytes) {
      return false;
    }
    lo_bundle_add_message(bundle_, m.address.c_str(), m.message);
    m.message = nullptr;
    ++count_;
    return true;
  }
  lo_bundle get() const { return bundle_; }

 private:
  lo_bundle bundle_;
  int count_ = 0;
};

}  // namespace

struct OscSink::Impl {
  OscOptions options;
  lo_address address = nullptr;
  LatencyLog latency;
  int64_t messages = 0, failures = 0;
};

OscSink::OscSink(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

OscSink::~OscSink() {
  if (impl_->address != nullptr) lo_address_free(impl_->address);
}

Result<std::unique_ptr<OscSink>> OscSink::Open(const OscOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (!options.prefix.empty() && (options.prefix[0] != '/' || options.prefix.back() == '/')) {
    return Status::Error("--osc-prefix: cannot use '" + options.prefix +
                         "': it must start with '/' and not end with one");
  }
  const std::string port = std::to_string(options.target.port);
  impl->address = lo_address_new(options.target.host.c_str(), port.c_str());
  if (impl->address == nullptr) {
    return Status::Error("--osc: cannot send to " + options.target.text() +
                         ": not a host and port liblo accepts");
  }
  return std::unique_ptr<OscSink>(new OscSink(std::move(impl)));
}

Status OscSink::Write(const FrameResult& r) {
  const OscOptions& o = impl_->options;
  const int width = r.frame.image.width(), height = r.frame.image.height();
  const float sx = o.normalized && width > 0 ? 1.0f / static_cast<float>(width) : 1.0f;
  const float sy = o.normalized && height > 0 ? 1.0f / static_cast<float>(height) : 1.0f;

  std::vector<Message> messages;
  auto add = [&](std::string address) -> lo_message {
    messages.push_back({o.prefix + address, lo_message_new()});
    return messages.back().message;
  };
  lo_message frame = add("/frame");
  lo_message_add_int32(frame, static_cast<int32_t>(r.frame.index));
  lo_message_add_float(frame, static_cast<float>(r.frame.timestamp_ms));
  lo_message_add_int32(frame, static_cast<int32_t>(r.poses.size()));
  lo_message_add_int32(frame, width);
  lo_message_add_int32(frame, height);
  lo_message people = add("/people");
  for (size_t i = 0; i < r.poses.size(); ++i) {
    const Pose& p = r.poses[i];
    // Untracked poses (folders) go by their place in the frame.
    const int id = p.id >= 0 ? p.id : static_cast<int>(i);
    lo_message_add_int32(people, id);
    const std::string base = "/pose/" + std::to_string(id);
    lo_message pose = add(base);
    lo_message_add_float(pose, p.score);
    lo_message_add_float(pose, p.box.x0 * sx);
    lo_message_add_float(pose, p.box.y0 * sy);
    lo_message_add_float(pose, p.box.x1 * sx);
    lo_message_add_float(pose, p.box.y1 * sy);
    for (int k = 0; k < kNumKeypoints; ++k) {
      const Keypoint& kp = p.keypoints[static_cast<size_t>(k)];
      lo_message m = add(base + "/" + std::string(KeypointName(k)));
      lo_message_add_float(m, kp.x * sx);
      lo_message_add_float(m, kp.y * sy);
      lo_message_add_float(m, kp.score);
    }
  }

  bool failed = false;
  size_t next = 0;
  while (next < messages.size()) {
    Bundle bundle;
    while (next < messages.size() && bundle.Add(messages[next])) ++next;
    if (lo_send_bundle(impl_->address, bundle.get()) < 0) failed = true;
  }
  for (Message& m : messages) {
    if (m.message != nullptr) lo_message_free(m.message);  // not reached: all were added
  }
  if (failed) {
    if (impl_->failures++ == 0) {
      std::fprintf(stderr,
                   "posenet: warning: --osc %s: cannot send: %s (later failures are "
                   "counted in --stats)\n",
                   o.target.text().c_str(), lo_address_errstr(impl_->address));
    }
    return Status::Ok();
  }
  ++impl_->messages;
  impl_->latency.Add(
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - r.frame.arrival)
          .count());
  return Status::Ok();
}

DeliveryFigures OscSink::figures() const {
  return DeliveryFigures{"osc " + impl_->options.target.text(), impl_->messages, impl_->failures,
                         impl_->latency.Quantile(0.5), impl_->latency.Quantile(0.99)};
}

}  // namespace posenet
