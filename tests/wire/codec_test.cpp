#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "wire/messages.hpp"

using namespace arbiter::wire;

TEST(Codec, ContestantMessagesRoundTrip) {
  Done d{42, 0, 100, 200};
  auto back = std::get<Done>(decode_from_contestant(encode(FromContestant{d})));
  EXPECT_EQ(back.iteration, 42u);
  EXPECT_EQ(back.end_ns, 200);
  Hello h{1, 77, "{\"seccomp\":true}"};
  auto hb = std::get<Hello>(decode_from_contestant(encode(FromContestant{h})));
  EXPECT_EQ(hb.sandbox, h.sandbox);
}

TEST(Codec, JudgeMessagesRoundTrip) {
  SetupCase s;
  s.params = {{"n", 5}};
  s.inputs = {{"a", 1, {5}, 0, 20}};
  s.outputs = {{"c", 1, {5}, 0, 20}};
  s.input_size = s.output_size = 64;
  auto b = std::get<SetupCase>(decode_from_judge(encode(FromJudge{s})));
  ASSERT_EQ(b.inputs.size(), 1u);
  EXPECT_EQ(b.inputs[0].shape, std::vector<int64_t>{5});
  EXPECT_EQ(b.params[0].name, "n");
}

TEST(Codec, DoneCarriesWhyACallFailed) {
  Done d{7, 1, 2, 3};
  d.message = "copying the output failed: ValueError";
  auto back = std::get<Done>(decode_from_contestant(encode(FromContestant{d})));
  EXPECT_EQ(back.iteration, 7u);
  EXPECT_EQ(back.rc, 1);
  EXPECT_EQ(back.message, d.message);
}

TEST(Codec, TruncatedAndTrailingBytesAreErrors) {
  Frame f = encode(FromContestant{Done{1, 0, 2, 3}});
  Frame cut = f;
  cut.payload.pop_back();
  EXPECT_THROW(decode_from_contestant(cut), DecodeError);
  Frame extra = f;
  extra.payload += "x";
  EXPECT_THROW(decode_from_contestant(extra), DecodeError);
}

TEST(Codec, JudgeMessagesFromTheContestantAreRefused) {
  Frame f = encode(FromJudge{Call{1, CallKind::kernel}});
  EXPECT_THROW(decode_from_contestant(f), DecodeError);
}

TEST(Codec, OversizedStringsAndListsAreRefused) {
  Frame f{Type::error, std::string("\xff\xff\xff\x7f", 4) + "abc"};
  EXPECT_THROW(decode_from_contestant(f), DecodeError);
  Frame g{Type::setup_case, std::string("\xff\x00\x00\x00", 4)};
  EXPECT_THROW(decode_from_judge(g), DecodeError);
}

TEST(Codec, HeaderValidation) {
  std::string h = make_header(Type::done, 10);
  uint16_t type;
  EXPECT_EQ(parse_header(reinterpret_cast<const unsigned char*>(h.data()), type), 10u);
  std::string bad = h;
  bad[0] = 'X';
  EXPECT_THROW(parse_header(reinterpret_cast<const unsigned char*>(bad.data()), type), DecodeError);
  std::string big = make_header(Type::done, kMaxPayload + 1);
  EXPECT_THROW(parse_header(reinterpret_cast<const unsigned char*>(big.data()), type), DecodeError);
  std::string ver = h;
  ver[4] = 9;
  EXPECT_THROW(parse_header(reinterpret_cast<const unsigned char*>(ver.data()), type), DecodeError);
}

TEST(Codec, RandomBytesNeverCrash) {
  std::mt19937 rng(1);
  for (int i = 0; i < 20000; ++i) {
    std::string p(rng() % 64, '\0');
    for (auto& c : p) c = static_cast<char>(rng());
    Frame f{static_cast<Type>(rng() % 8), p};
    try {
      (void)decode_from_contestant(f);
    } catch (const DecodeError&) {
    }
  }
}

TEST(Codec, DeviceTimesAndMemoryKindRoundTrip) {
  Done d{7, kDeviceFault, 100, 900, 640, 7000};
  auto back = std::get<Done>(decode_from_contestant(encode(FromContestant{d})));
  EXPECT_EQ(back.rc, kDeviceFault);
  EXPECT_EQ(back.device_ns, 640);
  EXPECT_EQ(back.settle_ns, 7000);
  EXPECT_EQ(Done{}.device_ns, -1);  // the CPU backend's default: no device time
  SetupCase s;
  s.memory = MemoryKind::cuda;
  EXPECT_EQ(std::get<SetupCase>(decode_from_judge(encode(FromJudge{s}))).memory, MemoryKind::cuda);
}

TEST(Codec, UnknownMemoryKindIsRefused) {
  SetupCase s;
  Frame f = encode(FromJudge{s});
  ASSERT_GE(f.payload.size(), 8u);
  f.payload[f.payload.size() - 8] = 9;  // the u32 memory kind, before the (empty) IPC handles
  EXPECT_THROW(decode_from_judge(f), DecodeError);
}

TEST(Codec, LegacyIpcHandlesComeInPairsWithGpuMemoryOnly) {
  SetupCase s;
  s.memory = MemoryKind::cuda;
  s.ipc_handles = std::string(2 * kIpcHandleBytes, '\x5a');
  EXPECT_EQ(std::get<SetupCase>(decode_from_judge(encode(FromJudge{s}))).ipc_handles, s.ipc_handles);
  s.ipc_handles.pop_back();  // not two handles
  EXPECT_THROW(decode_from_judge(encode(FromJudge{s})), DecodeError);
  s.ipc_handles = std::string(2 * kIpcHandleBytes, 'x');
  s.memory = MemoryKind::host;  // handles for host memfds mean nothing
  EXPECT_THROW(decode_from_judge(encode(FromJudge{s})), DecodeError);
  s.memory = MemoryKind::cuda;
  s.ipc_handles = std::string(4 * kIpcHandleBytes, 'x');  // longer than any pair
  EXPECT_THROW(decode_from_judge(encode(FromJudge{s})), DecodeError);
}

TEST(Codec, DeviceLevelLoadAndLaunchRoundTrip) {
  Load l{"/w/submission.cubin", R"({"kernels":["k"],"knobs":[]})"};
  auto lb = std::get<Load>(decode_from_judge(encode(FromJudge{l})));
  EXPECT_EQ(lb.path, l.path);
  EXPECT_EQ(lb.device, l.device);
  Load host{"/w/submission.so", ""};
  EXPECT_TRUE(std::get<Load>(decode_from_judge(encode(FromJudge{host}))).device.empty());
  // A plan longer than an ordinary string (4 KiB) but within its own bound.
  Launch p{std::string(20000, 'x')};
  EXPECT_EQ(std::get<Launch>(decode_from_judge(encode(FromJudge{p}))).plan.size(), 20000u);
  Frame f = encode(FromJudge{p});
  EXPECT_THROW(decode_from_contestant(f), DecodeError);  // judge → contestant only
  std::string big(4, '\0');
  const uint32_t n = kMaxLaunchPlan + 1;
  std::memcpy(big.data(), &n, 4);
  EXPECT_THROW(decode_from_judge(Frame{Type::launch, big + std::string(n, 'x')}), DecodeError);
}
