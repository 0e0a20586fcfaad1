// Benchmark of the reports module (to be written with the module).
export async function run(): Promise<void> {
  console.log('## reports: no benchmark yet');
}
