export * from "./incidents";
export * from "./notices";
export * from "./throttle";
export * from "./patient-sessions";
export * from "./audit";
export * from "./staff";
export * from "./enrollment";
export * from "./batches-extra";
