"""rules_proto for Bazel 4.2.3: forwards to the native rules."""

proto_lang_toolchain = native.proto_lang_toolchain
proto_library = native.proto_library
