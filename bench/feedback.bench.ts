// Benchmark of the feedback module (to be written with the module).
export async function run(): Promise<void> {
  console.log('## feedback: no benchmark yet');
}
