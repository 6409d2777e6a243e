package dev.voiceotp.verifier.legacy;

/** The guide's response bodies, word for word, because clients built on it compare these strings. */
record GuideResponse(String status, String message) {

    static final GuideResponse VERIFIED = new GuideResponse("success", "codes match, number verified");
    static final GuideResponse NOT_VERIFIED = new GuideResponse("failure", "codes do not match, number not verified");
    static final GuideResponse NUMBER_NOT_FOUND = new GuideResponse("failure", "number not found");
}
