package dev.labkit.labs.presignedurl;

import java.net.URL;
import java.util.List;
import java.util.Map;

/**
 * A URL the learner's code issued, as its sandbox reported it: where it points, the HTTP method it
 * was signed for, and the headers a client must send with it (signed into it).
 */
record IssuedUrl(URL url, String method, Map<String, List<String>> signedHeaders) {}
