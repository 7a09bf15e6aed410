package dev.orderflow.platform.logging;

/**
 * Keeps text that may come from a client on one visible log line: CR, LF, tab, every other control
 * character and the Unicode line and paragraph separators become escapes such as {@code \n} or
 * {@code \u001b}, so no input can start a forged line or drive a terminal.
 */
public final class ControlCharacters {

  private ControlCharacters() {
  }

  public static String escape(String text) {
    StringBuilder escaped = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (breaksTheLine(c)) {
        if (escaped == null) {
          escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        appendEscape(escaped, c);
      } else if (escaped != null) {
        escaped.append(c);
      }
    }
    return escaped == null ? text : escaped.toString();
  }

  private static boolean breaksTheLine(char c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
  }

  private static void appendEscape(StringBuilder escaped, char c) {
    switch (c) {
      case '\n' -> escaped.append("\\n");
      case '\r' -> escaped.append("\\r");
      case '\t' -> escaped.append("\\t");
      default -> escaped.append(String.format("\\u%04x", (int) c));
    }
  }
}
