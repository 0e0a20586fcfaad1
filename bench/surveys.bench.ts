// Benchmark of the surveys module (to be written with the module).
export async function run(): Promise<void> {
  console.log('## surveys: no benchmark yet');
}
