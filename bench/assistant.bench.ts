// Benchmark of the assistant module (to be written with the module).
export async function run(): Promise<void> {
  console.log('## assistant: no benchmark yet');
}
