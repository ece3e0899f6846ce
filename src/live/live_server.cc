#include "live/live_server.h"

#include <libwebsockets.h>

#include <sys/socket.h>

#include <charconv>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <unordered_map>

#include "live/latency_log.h"
#include "live/view_page.h"

namespace posenet {

HttpResponse JsonError(int status, const std::string& message) {
  nlohmann::json body{{"error", message}};
  return {status, "application/json",
          body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"};
}

namespace {

using Clock = std::chrono::steady_clock;

// A WebSocket client's frames waiting to be sent; shared between Publish (any thread) and the
// service thread under Impl::mutex.
struct ClientQueue {
  bool view = false;
  std::deque<std::shared_ptr<const LiveFrame>> frames;
  bool sending = false;  // a frame is being written (its JPEG went, its JSON not yet)
};

// One HTTP exchange or WebSocket connection; lives on the service thread only.
struct Connection {
  uint64_t id = 0;
  lws* wsi = nullptr;
  // HTTP
  Clock::time_point start;
  std::string path, query;
  std::vector<uint8_t> body;
  size_t expected = 0;
  bool reading_body = false;
  bool response_ready = false, close_after = false;
  bool lingering = false;  // answered with "connection: close"; reading what is left
  std::shared_ptr<std::atomic<bool>> abandoned;  // of the request handed to the pose workers
  int write_phase = 0;                           // 0: headers, 1: body
  HttpResponse response;
  // WebSocket
  std::shared_ptr<ClientQueue> client;
  std::shared_ptr<const LiveFrame> current;
  std::vector<uint8_t> scratch;  // LWS_PRE bytes of room, then the message
};

// Where pose workers leave their answers. Shared with the callbacks the workers hold, which may
// outlive the server: once it stops, answers are dropped.
struct Mailbox {
  std::mutex mutex;
  lws_context* context = nullptr;  // null once the server stopped
  std::vector<std::pair<uint64_t, HttpResponse>> answered;
};

// What lws keeps per connection (zeroed by lws): our connection, if any.
struct SessionData {
  Connection* connection;
};

}  // namespace

struct LiveServer::Impl {
  LiveServerOptions options;
  std::shared_ptr<Metrics> metrics;
  lws_context* context = nullptr;
  lws_vhost* vhost = nullptr;
  // [0] HTTP and WebSocket; [1] connections whose first bytes are not HTTP (answered 400).
  lws_protocols protocols[3] = {};
  int port = 0;
  std::thread thread;
  std::atomic<bool> stopping{false}, closing_clients{false};

  // Service thread only.
  std::unordered_map<uint64_t, std::unique_ptr<Connection>> connections;
  uint64_t next_id = 1;

  // Shared with other threads.
  mutable std::mutex mutex;
  std::condition_variable changed;
  std::unordered_map<uint64_t, std::shared_ptr<ClientQueue>> clients;  // by connection id
  std::shared_ptr<Mailbox> mailbox = std::make_shared<Mailbox>();
  int64_t sent = 0, dropped = 0;
  LatencyLog latency;

  static int Callback(lws* wsi, lws_callback_reasons reason, void* user, void* in, size_t len);
  int OnCallback(lws* wsi, lws_callback_reasons reason, SessionData* session, void* in, size_t len);

  Connection* NewConnection(lws* wsi, SessionData* session);
  void Release(SessionData* session);
  bool Authorized(lws* wsi, const std::string& query) const;
  int OnHttp(lws* wsi, Connection& c, const char* uri);
  int OnBody(Connection& c, const uint8_t* data, size_t len);
  void OnBodyComplete(Connection& c);
  void Answer(Connection& c, HttpResponse response, bool close = false);
  int WriteHttp(lws* wsi, Connection& c);
  int WriteWebSocket(lws* wsi, Connection& c);
  static int Linger(lws* wsi, Connection& c);
  void OnWakeUp();
};

namespace {

std::string Header(lws* wsi, lws_token_indexes token) {
  const int n = lws_hdr_total_length(wsi, token);
  if (n <= 0) return {};
  std::string s(static_cast<size_t>(n) + 1, '\0');
  if (lws_hdr_copy(wsi, s.data(), n + 1, token) < 0) return {};
  s.resize(static_cast<size_t>(n));
  return s;
}

// The query as "a=1&b=2" (lws keeps each argument as a fragment, decoded).
std::string Query(lws* wsi) {
  std::string query;
  char buf[1024];
  for (int i = 0; i < 64; ++i) {
    const int n = lws_hdr_copy_fragment(wsi, buf, sizeof(buf), WSI_TOKEN_HTTP_URI_ARGS, i);
    if (n < 0) break;
    if (!query.empty()) query += '&';
    query.append(buf, static_cast<size_t>(n));
  }
  return query;
}

// The value of `name` in "a=1&b=2"; `found` tells whether it was there.
std::string QueryValue(const std::string& query, const std::string& name, bool& found) {
  found = false;
  size_t at = 0;
  while (at <= query.size()) {
    size_t end = query.find('&', at);
    if (end == std::string::npos) end = query.size();
    const std::string part = query.substr(at, end - at);
    const size_t eq = part.find('=');
    if (part.substr(0, eq) == name) {
      found = true;
      return eq == std::string::npos ? "" : part.substr(eq + 1);
    }
    at = end + 1;
  }
  return {};
}

bool ConstantTimeEqual(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

int LiveServer::Impl::Callback(lws* wsi, lws_callback_reasons reason, void* user, void* in,
                               size_t len) {
  auto* self = static_cast<Impl*>(lws_context_user(lws_get_context(wsi)));
  if (self == nullptr) return 0;
  return self->OnCallback(wsi, reason, static_cast<SessionData*>(user), in, len);
}

Connection* LiveServer::Impl::NewConnection(lws* wsi, SessionData* session) {
  auto c = std::make_unique<Connection>();
  c->id = next_id++;
  c->wsi = wsi;
  c->start = Clock::now();
  Connection* raw = c.get();
  connections[c->id] = std::move(c);
  session->connection = raw;
  return raw;
}

void LiveServer::Impl::Release(SessionData* session) {
  if (session == nullptr || session->connection == nullptr) return;
  const uint64_t id = session->connection->id;
  if (session->connection->abandoned) session->connection->abandoned->store(true);
  session->connection = nullptr;
  connections.erase(id);
  std::lock_guard lock(mutex);
  if (clients.erase(id) > 0) {
    metrics->SetClients(static_cast<int>(clients.size()));
    changed.notify_all();
  }
}

bool LiveServer::Impl::Authorized(lws* wsi, const std::string& query) const {
  if (options.token.empty()) return true;
  const std::string auth = Header(wsi, WSI_TOKEN_HTTP_AUTHORIZATION);
  if (ConstantTimeEqual(auth, "Bearer " + options.token)) return true;
  // Browsers cannot set headers on a WebSocket: the page passes ?token=.
  bool found = false;
  const std::string token = QueryValue(query, "token", found);
  return found && ConstantTimeEqual(token, options.token);
}

void LiveServer::Impl::Answer(Connection& c, HttpResponse response, bool close) {
  c.response = std::move(response);
  c.response_ready = true;
  c.close_after = close;
  c.write_phase = 0;
  metrics->CountRequest(c.response.status,
                        std::chrono::duration<double>(Clock::now() - c.start).count());
  lws_callback_on_writable(c.wsi);
}

int LiveServer::Impl::OnHttp(lws* wsi, Connection& c, const char* uri) {
  c.path = uri != nullptr ? uri : "";
  c.query = Query(wsi);
  const bool post = lws_hdr_total_length(wsi, WSI_TOKEN_POST_URI) > 0;
  const bool get = lws_hdr_total_length(wsi, WSI_TOKEN_GET_URI) > 0;
  if (c.path == "/healthz") {
    if (!get) return Answer(c, JsonError(405, "use GET"), true), 0;
    return Answer(c, {200, "application/json", "{\"status\":\"ok\"}\n"}), 0;
  }
  if (!Authorized(wsi, c.query)) {
    return Answer(c, JsonError(401, "missing or wrong bearer token"), post), 0;
  }
  if (c.path == "/" || c.path == "/index.html") {
    if (!get) return Answer(c, JsonError(405, "use GET"), true), 0;
    return Answer(c, {200, "text/html; charset=utf-8", std::string(kViewPage)}), 0;
  }
  if (c.path == "/metrics") {
    if (!get) return Answer(c, JsonError(405, "use GET"), true), 0;
    return Answer(c, {200, "text/plain; version=0.0.4", metrics->Text()}), 0;
  }
  if (c.path == "/v1/poses" && options.poses) {
    if (!post) return Answer(c, JsonError(405, "use POST with a JPEG or PNG body"), true), 0;
    const std::string length = Header(wsi, WSI_TOKEN_HTTP_CONTENT_LENGTH);
    if (length.empty()) {
      return Answer(c, JsonError(411, "a Content-Length header is required"), true), 0;
    }
    uint64_t n = 0;
    const char* end = length.data() + length.size();
    auto [ptr, ec] = std::from_chars(length.data(), end, n);
    if (ec == std::errc::result_out_of_range ||
        (ec == std::errc() && ptr == end && n > options.max_body_bytes)) {
      return Answer(c,
                    JsonError(413, "the body is larger than " +
                                       std::to_string(options.max_body_bytes) + " bytes"),
                    true),
             0;
    }
    if (ec != std::errc() || ptr != end) {
      return Answer(c, JsonError(400, "Content-Length is not a number"), true), 0;
    }
    if (n == 0) return Answer(c, JsonError(400, "the body is empty: send a JPEG or PNG"), true), 0;
    c.expected = static_cast<size_t>(n);
    c.body.reserve(c.expected);
    c.reading_body = true;
    // The whole body must arrive in time (lws alone only limits the gap between pieces).
    lws_set_timer_usecs(wsi, static_cast<lws_usec_t>(options.body_timeout_s) * LWS_US_PER_SEC);
    return 0;
  }
  return Answer(c, JsonError(404, "no such path: " + c.path), post), 0;
}

int LiveServer::Impl::OnBody(Connection& c, const uint8_t* data, size_t len) {
  if (!c.reading_body) return 0;  // answered already (408): the rest is discarded
  if (c.body.size() + len > c.expected) {
    c.reading_body = false;
    Answer(c, JsonError(400, "the body is longer than its Content-Length"), true);
    return 0;
  }
  c.body.insert(c.body.end(), data, data + len);
  return 0;
}

void LiveServer::Impl::OnBodyComplete(Connection& c) {
  if (!c.reading_body) return;
  c.reading_body = false;
  lws_set_timer_usecs(c.wsi, LWS_SET_TIMER_USEC_CANCEL);
  c.abandoned = std::make_shared<std::atomic<bool>>(false);
  PoseRequest request{c.query, std::move(c.body), c.abandoned};
  c.body = {};
  const uint64_t id = c.id;
  const bool queued = options.poses(std::move(request), [box = mailbox, id](HttpResponse r) {
    std::lock_guard lock(box->mutex);
    if (box->context == nullptr) return;
    box->answered.emplace_back(id, std::move(r));
    lws_cancel_service(box->context);
  });
  if (!queued) Answer(c, JsonError(503, "busy: every estimator is taken and the queue is full"));
}

int LiveServer::Impl::WriteHttp(lws* wsi, Connection& c) {
  if (!c.response_ready) return 0;
  if (c.write_phase == 0) {
    uint8_t buf[LWS_PRE + 1024];
    uint8_t *start = buf + LWS_PRE, *p = start, *end = buf + sizeof(buf) - 1;
    if (lws_add_http_common_headers(wsi, static_cast<unsigned>(c.response.status),
                                    c.response.content_type.c_str(), c.response.body.size(), &p,
                                    end) != 0) {
      return -1;
    }
    if (c.close_after && lws_add_http_header_by_token(
                             wsi, WSI_TOKEN_CONNECTION,
                             reinterpret_cast<const unsigned char*>("close"), 5, &p, end) != 0) {
      return -1;
    }
    if (lws_finalize_write_http_header(wsi, start, &p, end) != 0) return -1;
    c.write_phase = 1;
    lws_callback_on_writable(wsi);
    return 0;
  }
  c.scratch.resize(LWS_PRE + c.response.body.size());
  std::memcpy(c.scratch.data() + LWS_PRE, c.response.body.data(), c.response.body.size());
  const int n =
      lws_write(wsi, c.scratch.data() + LWS_PRE, c.response.body.size(), LWS_WRITE_HTTP_FINAL);
  if (n < 0 || static_cast<size_t>(n) != c.response.body.size()) return -1;
  c.response_ready = false;
  if (c.close_after) return Linger(wsi, c);
  return lws_http_transaction_completed(wsi) != 0 ? -1 : 0;
}

// After an error answer the client may still be sending (a body we refused, garbage): closing
// now would make the kernel reset the connection and could destroy the answer before the
// client reads it. So stop writing, read and discard for two seconds, then close.
int LiveServer::Impl::Linger(lws* wsi, Connection& c) {
  if (lws_partial_buffered(wsi)) return -1;  // not all sent: nothing better than closing
  ::shutdown(lws_get_socket_fd(wsi), SHUT_WR);
  c.lingering = true;
  lws_set_timer_usecs(wsi, 2 * LWS_US_PER_SEC);
  return 0;
}

int LiveServer::Impl::WriteWebSocket(lws* wsi, Connection& c) {
  if (!c.current) {
    std::lock_guard lock(mutex);
    if (!c.client->frames.empty()) {
      c.current = std::move(c.client->frames.front());
      c.client->frames.pop_front();
      c.client->sending = true;
    }
  }
  if (!c.current) {
    if (closing_clients.load()) {
      lws_close_reason(wsi, LWS_CLOSE_STATUS_NORMAL, nullptr, 0);
      return -1;
    }
    return 0;
  }
  // One write per writable callback: a view client's JPEG, then its JSON in the next one.
  const bool picture = c.client->view && !c.current->jpeg.empty() && c.write_phase == 0;
  const std::string& text =
      picture ? c.current->jpeg : (c.client->view ? c.current->view_json : c.current->json);
  c.scratch.resize(LWS_PRE + text.size());
  std::memcpy(c.scratch.data() + LWS_PRE, text.data(), text.size());
  const int n = lws_write(wsi, c.scratch.data() + LWS_PRE, text.size(),
                          picture ? LWS_WRITE_BINARY : LWS_WRITE_TEXT);
  if (n < 0 || static_cast<size_t>(n) < text.size()) return -1;
  if (picture) {
    c.write_phase = 1;
  } else {
    latency.Add(
        std::chrono::duration<double, std::milli>(Clock::now() - c.current->arrival).count());
    c.current.reset();
    c.write_phase = 0;
    std::lock_guard lock(mutex);
    ++sent;
    c.client->sending = false;
    changed.notify_all();
  }
  lws_callback_on_writable(wsi);
  return 0;
}

void LiveServer::Impl::OnWakeUp() {
  std::vector<std::pair<uint64_t, HttpResponse>> done;
  {
    std::lock_guard lock(mailbox->mutex);
    done.swap(mailbox->answered);
  }
  for (auto& [id, response] : done) {
    auto it = connections.find(id);
    if (it == connections.end()) continue;  // the client left meanwhile
    Answer(*it->second, std::move(response));
  }
  lws_callback_on_writable_all_protocol(context, &protocols[0]);
}

int LiveServer::Impl::OnCallback(lws* wsi, lws_callback_reasons reason, SessionData* session,
                                 void* in, size_t len) {
  Connection* c = session != nullptr ? session->connection : nullptr;
  switch (reason) {
    case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
      OnWakeUp();
      return 0;
    case LWS_CALLBACK_HTTP:
      if (session == nullptr) return -1;
      Release(session);  // a keep-alive connection's previous exchange
      return OnHttp(wsi, *NewConnection(wsi, session), static_cast<const char*>(in));
    case LWS_CALLBACK_HTTP_BODY:
      if (c == nullptr) return -1;
      return OnBody(*c, static_cast<const uint8_t*>(in), len);
    case LWS_CALLBACK_HTTP_BODY_COMPLETION:
      if (c == nullptr) return -1;
      OnBodyComplete(*c);
      return 0;
    case LWS_CALLBACK_TIMER:
      if (c != nullptr && c->lingering) return -1;
      if (c != nullptr && c->reading_body) {
        c->reading_body = false;
        Answer(*c,
               JsonError(408, "the body did not arrive within " +
                                  std::to_string(options.body_timeout_s) + " s"),
               true);
      }
      return 0;
    case LWS_CALLBACK_HTTP_WRITEABLE:
      if (c == nullptr) return 0;
      return WriteHttp(wsi, *c);
    case LWS_CALLBACK_HTTP_DROP_PROTOCOL:
    case LWS_CALLBACK_CLOSED_HTTP:
      Release(session);
      return 0;
    case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
      return Authorized(wsi, Query(wsi)) && !closing_clients.load() ? 0 : -1;
    case LWS_CALLBACK_ESTABLISHED: {
      if (session == nullptr) return -1;
      Connection* ws = NewConnection(wsi, session);
      bool found = false;
      const std::string view = QueryValue(Query(wsi), "view", found);
      ws->client = std::make_shared<ClientQueue>();
      ws->client->view = found && view != "0";
      std::lock_guard lock(mutex);
      clients[ws->id] = ws->client;
      metrics->SetClients(static_cast<int>(clients.size()));
      changed.notify_all();
      return 0;
    }
    case LWS_CALLBACK_SERVER_WRITEABLE:
      if (c == nullptr || !c->client) return 0;
      return WriteWebSocket(wsi, *c);
    case LWS_CALLBACK_CLOSED:
    case LWS_CALLBACK_RAW_CLOSE:
      Release(session);
      return 0;
    case LWS_CALLBACK_RAW_RX:
      if (session == nullptr) return -1;
      if (c == nullptr) {
        c = NewConnection(wsi, session);
        c->response = JsonError(400, "not an HTTP request");
        metrics->CountRequest(400, 0);
        lws_callback_on_writable(wsi);
      }
      return 0;
    case LWS_CALLBACK_RAW_WRITEABLE: {
      if (c == nullptr) return 0;
      std::string text =
          "HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\n"
          "content-length: " +
          std::to_string(c->response.body.size()) + "\r\nconnection: close\r\n\r\n" +
          c->response.body;
      c->scratch.resize(LWS_PRE + text.size());
      std::memcpy(c->scratch.data() + LWS_PRE, text.data(), text.size());
      if (c->lingering) return 0;
      lws_write(wsi, c->scratch.data() + LWS_PRE, text.size(), LWS_WRITE_RAW);
      return Linger(wsi, *c);
    }
    default:
      return 0;
  }
}

LiveServer::LiveServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

LiveServer::~LiveServer() { Stop(); }

Result<std::unique_ptr<LiveServer>> LiveServer::Start(const LiveServerOptions& options,
                                                      std::shared_ptr<Metrics> metrics) {
  auto impl = std::make_unique<Impl>();
  Impl& s = *impl;
  s.options = options;
  s.metrics = metrics ? std::move(metrics) : std::make_shared<Metrics>();
  s.protocols[0] = {};
  s.protocols[0].name = "posenet";
  s.protocols[0].callback = &Impl::Callback;
  s.protocols[0].per_session_data_size = sizeof(SessionData);
  s.protocols[0].rx_buffer_size = 16384;
  s.protocols[1] = s.protocols[0];
  s.protocols[1].name = "posenet-not-http";

  lws_set_log_level(LLL_ERR, nullptr);
  lws_context_creation_info info;
  std::memset(&info, 0, sizeof(info));
  info.options = LWS_SERVER_OPTION_EXPLICIT_VHOSTS | LWS_SERVER_OPTION_DISABLE_OS_CA_CERTS;
  info.user = &s;
  info.fd_limit_per_thread = 1024;
  info.max_http_header_pool = 512;
  // lws closes a connection whose body stalls this long between pieces; our own timer answers
  // 408 first.
  info.timeout_secs = static_cast<unsigned>(options.body_timeout_s + 5);
  info.timeout_secs_ah_idle = static_cast<unsigned>(options.header_timeout_s);
  s.context = lws_create_context(&info);
  if (s.context == nullptr) {
    return Status::Error("--listen " + options.listen.text() + ": cannot start the server");
  }
  info.port = options.listen.port;
  info.iface = options.listen.host.c_str();
  info.protocols = s.protocols;
  info.keepalive_timeout = options.idle_timeout_s;
  info.vhost_name = "posenet";
  // Bytes that do not start an HTTP request go to protocols[1] as a raw socket, which answers
  // a JSON 400 (lws alone would answer an HTML 403).
  info.options |= LWS_SERVER_OPTION_FALLBACK_TO_APPLY_LISTEN_ACCEPT_CONFIG;
  info.listen_accept_role = "raw-skt";
  info.listen_accept_protocol = "posenet-not-http";
  s.vhost = lws_create_vhost(s.context, &info);
  if (s.vhost == nullptr) {
    lws_context_destroy(s.context);
    s.context = nullptr;
    return Status::Error("--listen " + options.listen.text() +
                         ": cannot listen: the address is in use or not on this machine");
  }
  s.port = lws_get_vhost_listen_port(s.vhost);
  s.mailbox->context = s.context;
  s.thread = std::thread([&s] {
    while (!s.stopping.load()) lws_service(s.context, 0);
  });
  return std::unique_ptr<LiveServer>(new LiveServer(std::move(impl)));
}

int LiveServer::port() const { return impl_->port; }

void LiveServer::Publish(std::shared_ptr<const LiveFrame> frame) {
  Impl& s = *impl_;
  if (s.context == nullptr) return;
  int64_t dropped = 0;
  {
    std::lock_guard lock(s.mutex);
    for (auto& [id, client] : s.clients) {
      if (client->frames.size() >= s.options.client_queue) {
        client->frames.pop_front();
        ++dropped;
      }
      client->frames.push_back(frame);
    }
    s.dropped += dropped;
  }
  if (dropped > 0) s.metrics->CountDroppedMessages(dropped);
  lws_cancel_service(s.context);
}

bool LiveServer::has_view_clients() const {
  std::lock_guard lock(impl_->mutex);
  for (const auto& [id, client] : impl_->clients) {
    if (client->view) return true;
  }
  return false;
}

int LiveServer::clients() const {
  std::lock_guard lock(impl_->mutex);
  return static_cast<int>(impl_->clients.size());
}

bool LiveServer::WaitForClients(int count, const std::atomic<bool>* stop) {
  std::unique_lock lock(impl_->mutex);
  while (static_cast<int>(impl_->clients.size()) < count) {
    if (stop != nullptr && stop->load()) return false;
    impl_->changed.wait_for(lock, std::chrono::milliseconds(100));
  }
  return true;
}

void LiveServer::Drain(double seconds) {
  std::unique_lock lock(impl_->mutex);
  impl_->changed.wait_for(lock, std::chrono::duration<double>(seconds), [&] {
    for (const auto& [id, client] : impl_->clients) {
      if (!client->frames.empty() || client->sending) return false;
    }
    return true;
  });
}

void LiveServer::Stop() {
  Impl& s = *impl_;
  if (s.context == nullptr) return;
  // Close the WebSocket clients cleanly first (a close frame each), then stop the loop.
  s.closing_clients.store(true);
  lws_cancel_service(s.context);
  {
    std::unique_lock lock(s.mutex);
    s.changed.wait_for(lock, std::chrono::seconds(1), [&] { return s.clients.empty(); });
  }
  s.stopping.store(true);
  lws_cancel_service(s.context);
  s.thread.join();
  {
    std::lock_guard lock(s.mailbox->mutex);
    s.mailbox->context = nullptr;
  }
  lws_context_destroy(s.context);
  s.context = nullptr;
}

DeliveryFigures LiveServer::figures() const {
  std::lock_guard lock(impl_->mutex);
  return DeliveryFigures{"websocket :" + std::to_string(impl_->port), impl_->sent, impl_->dropped,
                         impl_->latency.Quantile(0.5), impl_->latency.Quantile(0.99)};
}

}  // namespace posenet
