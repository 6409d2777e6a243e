package dev.voiceotp.sandbox.xml;

/** Answer XML Plivo would refuse; the message names the problem, never the spoken content. */
public class PlivoXmlException extends Exception {

    public PlivoXmlException(String message) {
        super(message);
    }
}
