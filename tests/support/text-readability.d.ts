declare module "text-readability" {
  const readability: {
    fleschKincaidGrade(text: string): number;
    fleschReadingEase(text: string): number;
    syllableCount(text: string): number;
    lexiconCount(text: string): number;
    sentenceCount(text: string): number;
  };
  export default readability;
}
