package dev.voiceotp.sandbox.xml;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A parsed {@code <Response>}: its instructions in document order. */
public record PlivoResponse(List<Instruction> instructions) {

    /**
     * Everything the document would speak if played once through, GetDigits prompts included: Speak elements joined
     * by a space. A played call can hear more (repeated prompts, documents reached by actions and redirects).
     */
    public String spokenText() {
        return spoken(instructions).filter(text -> !text.isEmpty()).collect(Collectors.joining(" "));
    }

    private static Stream<String> spoken(List<Instruction> instructions) {
        return instructions.stream().flatMap(instruction -> switch (instruction) {
            case Instruction.Speak speak -> Stream.of(speak.heard());
            case Instruction.GetDigits getDigits -> spoken(getDigits.prompts());
            case Instruction.Wait wait -> Stream.empty();
            case Instruction.Hangup hangup -> Stream.empty();
            case Instruction.Redirect redirect -> Stream.empty();
            case Instruction.Unsupported unsupported -> Stream.empty();
        });
    }
}
