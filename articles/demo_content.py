"""Demo news for trying the site out: sections, authors, articles and drawn photos.

Everything here is invented for this project. The people quoted do not exist, and the
photos are abstract illustrations drawn with Pillow, so none of it can be mistaken for
real reporting or real pictures.
"""

import io
import math
import random
from dataclasses import dataclass
from datetime import timedelta

from PIL import Image, ImageColor, ImageDraw, ImageFilter


@dataclass(frozen=True)
class Palette:
    """The colours of one section's illustrations, from the sky to the foreground."""

    sky_top: str
    sky_horizon: str
    light: str  # the sun, lit windows and highlights
    far: str  # distant hills, buildings and water
    near: str  # the foreground, and the darkest colour


DESK_CREDIT = "Ilustrasi: Redaksi Newsroom"


@dataclass(frozen=True)
class DemoSection:
    name: str
    slug: str
    order: int
    palette: Palette


@dataclass(frozen=True)
class DemoAuthor:
    name: str
    slug: str
    bio: str


@dataclass(frozen=True)
class DemoPhoto:
    """One drawn illustration; `scene` names the picture draw_photo paints."""

    scene: str
    caption: str
    alt_text: str
    credit: str = DESK_CREDIT


@dataclass(frozen=True)
class DemoArticle:
    """One demo article; `published` is its publication time relative to now."""

    slug: str
    headline: str
    section: str
    standfirst: str
    body: tuple[str, ...]
    tags: tuple[str, ...]
    photos: tuple[DemoPhoto, ...]
    authors: tuple[str, ...] = ()
    dateline_place: str = ""
    source_agencies: str = ""
    status: str = "published"
    published: timedelta | None = None
    is_featured: bool = False

    @property
    def body_html(self) -> str:
        """Return the body as HTML, wrapping plain-text blocks in paragraphs."""
        return "\n".join(
            block if block.startswith("<") else f"<p>{block}</p>" for block in self.body
        )


def ago(days: int, hours: int = 0) -> timedelta:
    return -timedelta(days=days, hours=hours)


def ahead(days: int, hours: int = 0) -> timedelta:
    return timedelta(days=days, hours=hours)


# Each section's illustrations share a palette, so a section front looks of a piece.
SECTIONS = [
    DemoSection(
        name="Nasional",
        slug="nasional",
        order=1,
        palette=Palette("#2a6f97", "#f6bd60", "#fff3b0", "#6a994e", "#1b4332"),
    ),
    DemoSection(
        name="Dunia",
        slug="dunia",
        order=2,
        palette=Palette("#1d3557", "#f4a261", "#ffe8a3", "#457b9d", "#14213d"),
    ),
    DemoSection(
        name="Ekonomi",
        slug="ekonomi",
        order=3,
        palette=Palette("#0b3c49", "#e9c46a", "#fff1c1", "#2a9d8f", "#0a2a33"),
    ),
    DemoSection(
        name="Teknologi",
        slug="teknologi",
        order=4,
        palette=Palette("#10002b", "#7b2cbf", "#4cc9f0", "#5a189a", "#03071e"),
    ),
    DemoSection(
        name="Olahraga",
        slug="olahraga",
        order=5,
        palette=Palette("#023e8a", "#ffb703", "#fffbea", "#e76f51", "#1b263b"),
    ),
    DemoSection(
        name="Sains & Kesehatan",
        slug="sains-kesehatan",
        order=6,
        palette=Palette("#004b5c", "#a8dadc", "#f1faee", "#52b69a", "#073b4c"),
    ),
]

AUTHORS = [
    DemoAuthor(
        name="Rina Kartikasari",
        slug="rina-kartikasari",
        bio=(
            "Redaktur ekonomi yang meliput perdagangan, pangan, dan usaha kecil. Senang membaca "
            "laporan keuangan sambil minum kopi tubruk."
        ),
    ),
    DemoAuthor(
        name="Bayu Prasetyo",
        slug="bayu-prasetyo",
        bio=(
            "Wartawan teknologi. Menulis tentang perusahaan rintisan, keamanan siber, dan cara "
            "gawai mengubah kebiasaan kita."
        ),
    ),
    DemoAuthor(
        name="Sekar Ayuningtyas",
        slug="sekar-ayuningtyas",
        bio=(
            "Meliput isu internasional dan ASEAN dari meja redaksi Jakarta. Pernah bertugas di "
            "Bangkok dan Hanoi."
        ),
    ),
    DemoAuthor(
        name="Hendra Wicaksono",
        slug="hendra-wicaksono",
        bio=(
            "Redaktur olahraga. Mengikuti bulu tangkis, sepak bola putri, dan lari jarak jauh dari "
            "tepi lapangan."
        ),
    ),
    DemoAuthor(
        name="Nadia Rahmawati",
        slug="nadia-rahmawati",
        bio=(
            "Menulis tentang sains, kesehatan, dan lingkungan. Lulusan biologi yang masih suka "
            "mengamati burung pada akhir pekan."
        ),
    ),
]

# Alt text says what the drawing shows, not what the story is about: that is what a
# reader who cannot see the picture needs.
ARTICLES = [
    # Nasional
    DemoArticle(
        slug="12000-desa-tersambung-internet-cepat",
        headline="Pemerintah Targetkan 12.000 Desa Tersambung Internet Cepat Tahun Depan",
        section="nasional",
        standfirst=(
            "Sekolah, puskesmas, dan kantor desa di daerah terpencil akan didahulukan dalam "
            "perluasan jaringan serat optik dan satelit."
        ),
        body=(
            "Pemerintah menargetkan 12.000 desa yang belum memiliki akses internet cepat "
            "tersambung sebelum akhir tahun depan. Perluasan jaringan itu menggabungkan kabel "
            "serat optik di daerah yang terjangkau jalan darat dan layanan satelit untuk "
            "pulau-pulau kecil.",
            "Sekolah, puskesmas, dan kantor desa akan menjadi titik pertama yang disambungkan. "
            "Dari sana, jaringan diharapkan dapat diperluas oleh badan usaha milik desa dan "
            "penyedia layanan lokal ke rumah-rumah warga.",
            "“Kami tidak ingin internet berhenti di kantor desa. Anak-anak harus bisa belajar dari "
            "rumah, dan petani harus bisa mengecek harga di pasar tanpa menempuh perjalanan dua "
            "jam,” kata seorang pejabat yang menangani program tersebut dalam konferensi pers.",
            "Anggaran program berasal dari dana kewajiban pelayanan universal yang dipungut dari "
            "operator telekomunikasi. Pemerintah juga membuka peluang kerja sama dengan swasta "
            "untuk daerah yang dinilai layak secara bisnis.",
            "Pengamat telekomunikasi mengingatkan bahwa tantangan terbesar justru muncul setelah "
            "jaringan terpasang, yakni biaya langganan bulanan dan perawatan perangkat di daerah "
            "yang sering mengalami pemadaman listrik.",
        ),
        tags=("Infrastruktur", "Ekonomi Digital", "Pendidikan", "Desa"),
        photos=(
            DemoPhoto(
                scene="terraces",
                caption="Ilustrasi persawahan berundak di sebuah desa pada pagi hari.",
                alt_text=(
                    "Ilustrasi grafis petak sawah berundak berwarna hijau yang bergelombang di "
                    "bawah langit pagi dengan matahari pucat."
                ),
            ),
        ),
        dateline_place="Jakarta",
        source_agencies="Antara",
        published=ago(0, 5),
        is_featured=True,
    ),
    DemoArticle(
        slug="festival-kuliner-pasar-tradisional-yogyakarta",
        headline="Festival Kuliner Hidupkan Kembali Pasar Tradisional di Yogyakarta",
        section="nasional",
        standfirst=(
            "Setiap malam Minggu, los-los pasar yang biasanya sepi selepas siang berubah menjadi "
            "deretan warung jajanan yang dipadati pengunjung."
        ),
        body=(
            "Sebuah pasar tradisional di pusat Yogyakarta yang biasanya sudah tutup pada sore hari "
            "kini ramai hingga larut malam. Sejak dua bulan terakhir, pengelola pasar mengizinkan "
            "pedagang membuka warung jajanan setiap malam Minggu dalam festival kuliner bertajuk "
            "Pasar Wengi.",
            "Sekitar 80 pedagang ikut serta, sebagian besar pedagang lama yang menjual sayur dan "
            "bumbu pada pagi hari. Mereka menjajakan gudeg, sate klathak, wedang uwuh, hingga kue "
            "tradisional yang kini jarang ditemukan.",
            "“Dulu sehabis zuhur saya sudah pulang karena pembeli sepi. Sekarang malam Minggu saya "
            "bisa menjual dua kali lipat dagangan pagi,” kata Sumarni, pedagang jajanan pasar yang "
            "sudah berjualan di sana selama 30 tahun.",
            "Pengelola pasar berencana menambah hari festival menjadi dua kali sepekan, sembari "
            "menata ulang parkir dan tempat sampah yang dikeluhkan warga sekitar.",
        ),
        tags=("UMKM", "Pariwisata", "Kuliner", "Perkotaan"),
        photos=(
            DemoPhoto(
                scene="city",
                caption="Ilustrasi suasana kota menjelang malam, saat warung-warung mulai buka.",
                alt_text=(
                    "Ilustrasi grafis siluet deretan bangunan berwarna hijau tua dengan jendela "
                    "menyala di bawah langit senja kekuningan."
                ),
            ),
        ),
        authors=("rina-kartikasari",),
        dateline_place="Yogyakarta",
        published=ago(3, 4),
    ),
    DemoArticle(
        slug="nelayan-makassar-aplikasi-prakiraan-gelombang",
        headline="Nelayan Makassar Andalkan Aplikasi Prakiraan Gelombang Sebelum Melaut",
        section="nasional",
        standfirst=(
            "Peringatan cuaca yang dikirim setiap subuh membantu nelayan kecil memutuskan kapan "
            "aman berangkat dan kapan sebaiknya menunggu."
        ),
        body=(
            "Ratusan nelayan kecil di pesisir Makassar kini memeriksa prakiraan tinggi gelombang "
            "di telepon genggam sebelum berangkat melaut. Informasi itu dikirim setiap subuh lewat "
            "aplikasi pesan dan sebuah aplikasi sederhana yang tetap bisa dibuka meski sinyal "
            "lemah.",
            "Prakiraan disusun dari data cuaca maritim dan dilengkapi laporan langsung dari "
            "nelayan yang sudah berada di laut. Dengan begitu, peringatan tentang angin kencang "
            "atau gelombang tinggi dapat diperbarui beberapa kali dalam sehari.",
            "“Dulu kami hanya melihat langit dan awan. Sekarang kalau ada peringatan merah, kami "
            "tidak berangkat, atau pulang lebih cepat,” kata Daeng Rahman, nelayan yang sudah "
            "melaut sejak berusia 15 tahun.",
            "Kelompok nelayan setempat mencatat jumlah perahu yang harus ditarik pulang karena "
            "cuaca buruk berkurang sejak aplikasi itu digunakan. Mereka berharap layanan serupa "
            "diperluas ke pulau-pulau kecil di sekitar Makassar.",
        ),
        tags=("Nelayan", "Cuaca", "Kelautan", "Ekonomi Digital"),
        photos=(
            DemoPhoto(
                scene="sea",
                caption="Ilustrasi perahu nelayan di laut yang tenang menjelang matahari terbenam.",
                alt_text=(
                    "Ilustrasi grafis perahu layar kecil di laut hijau yang tenang, dengan "
                    "pantulan matahari di permukaan air dan pulau di cakrawala."
                ),
            ),
            DemoPhoto(
                scene="sea",
                caption=(
                    "Ilustrasi laut lepas pada sore hari. Nelayan kini memantau tinggi gelombang "
                    "sebelum berangkat."
                ),
                alt_text=(
                    "Ilustrasi grafis laut luas dengan cahaya matahari terpantul di air dan siluet "
                    "perahu layar."
                ),
                credit="Ilustrasi: Newsroom/Galih Saputra",
            ),
        ),
        authors=("bayu-prasetyo",),
        dateline_place="Makassar, Sulawesi Selatan",
        source_agencies="Antara",
        published=ago(6, 2),
    ),
    DemoArticle(
        slug="warga-bantaran-sungai-semarang-latihan-evakuasi",
        headline="Warga Bantaran Sungai di Semarang Latihan Evakuasi Jelang Musim Hujan",
        section="nasional",
        standfirst=(
            "Latihan itu menguji sirene baru yang dipasang di sepanjang sungai dan jalur evakuasi "
            "yang ditandai cat kuning."
        ),
        body=(
            "Ratusan warga yang tinggal di bantaran sungai di Semarang mengikuti latihan evakuasi "
            "banjir, beberapa pekan sebelum puncak musim hujan diperkirakan tiba. Latihan dimulai "
            "saat sirene peringatan berbunyi, dan warga diminta menuju titik kumpul di sebuah "
            "sekolah di dataran yang lebih tinggi.",
            "Sirene itu terhubung dengan sensor ketinggian air di hulu sungai. Ketika air naik "
            "melewati batas tertentu, sirene berbunyi secara otomatis dan memberi warga waktu "
            "sekitar satu jam sebelum air mencapai permukiman.",
            "“Yang paling sulit adalah mengevakuasi warga lanjut usia dan orang sakit. Karena itu "
            "setiap RT sudah menunjuk relawan yang bertanggung jawab atas tetangga tertentu,” kata "
            "Wahyu Hidayat, koordinator relawan kebencanaan di kelurahan tersebut.",
            "Pemerintah kota berencana menggelar latihan serupa di sepuluh kelurahan lain yang "
            "rawan banjir hingga akhir bulan.",
        ),
        tags=("Kebencanaan", "Cuaca", "Iklim", "Perkotaan"),
        photos=(
            DemoPhoto(
                scene="hills",
                caption="Ilustrasi perbukitan di hulu sungai saat mendung mulai datang.",
                alt_text=(
                    "Ilustrasi grafis perbukitan berlapis dalam gradasi hijau di bawah langit biru "
                    "dan kuning dengan matahari bulat."
                ),
            ),
        ),
        dateline_place="Semarang, Jawa Tengah",
        source_agencies="Antara",
        published=ago(12, 3),
    ),
    DemoArticle(
        slug="sekolah-pulau-kecil-ntt-listrik-tenaga-surya",
        headline="Sekolah di Pulau-Pulau Kecil NTT Mulai Belajar dengan Listrik Tenaga Surya",
        section="nasional",
        standfirst=(
            "Panel surya di atap sekolah membuat komputer dan lampu kelas bisa menyala sepanjang "
            "hari tanpa menunggu jadwal genset."
        ),
        body=(
            "Belasan sekolah dasar di pulau-pulau kecil di Nusa Tenggara Timur kini memiliki panel "
            "surya di atapnya. Sebelumnya, sekolah-sekolah itu hanya mendapat listrik dari genset "
            "desa yang menyala pada malam hari.",
            "Dengan listrik pada siang hari, guru dapat menggunakan proyektor dan laptop yang "
            "selama ini lebih sering tersimpan di lemari. Baterai penyimpan juga memungkinkan "
            "ruang kelas dipakai untuk belajar kelompok pada sore hari.",
            "“Anak-anak sekarang bisa menonton video tentang gunung berapi dan hutan hujan, bukan "
            "hanya melihat gambar di buku,” kata Yohana Bria, guru kelas lima di salah satu "
            "sekolah penerima.",
            "<p><em>Catatan redaksi: jumlah sekolah masih menunggu konfirmasi dinas pendidikan "
            "setempat.</em></p>",
        ),
        tags=("Energi Terbarukan", "Pendidikan", "Desa"),
        photos=(
            DemoPhoto(
                scene="terraces",
                caption="Ilustrasi lahan berundak di sebuah pulau kecil.",
                alt_text=(
                    "Ilustrasi grafis lahan berundak bergelombang dalam gradasi hijau dengan "
                    "matahari pucat di langit."
                ),
            ),
        ),
        authors=("nadia-rahmawati",),
        dateline_place="Kupang, Nusa Tenggara Timur",
        status="draft",
    ),
    # Dunia
    DemoArticle(
        slug="moskow-uji-bus-listrik-suhu-minus-25",
        headline="Moskow Uji Bus Listrik Tanpa Kabel pada Suhu Minus 25 Derajat",
        section="dunia",
        standfirst=(
            "Operator transportasi kota menguji apakah baterai bus tetap andal sepanjang rute "
            "terpanjang saat musim dingin paling keras."
        ),
        body=(
            "Operator transportasi publik Moskow mulai menguji sepuluh bus listrik bertenaga "
            "baterai di rute terpanjang kota itu, yang melintasi kawasan permukiman di pinggiran "
            "barat. Uji coba dilakukan sepanjang Januari, ketika suhu malam hari kerap turun "
            "hingga minus 25 derajat Celsius.",
            "Selama ini bus listrik kota tersebut mengisi daya di terminal pada akhir setiap "
            "putaran. Bus generasi baru dirancang menempuh hingga 180 kilometer dengan sekali "
            "pengisian, cukup untuk bertahan sepanjang jam sibuk pagi tanpa kembali ke depo.",
            "Menurut juru bicara operator, Yelena Sorokina, yang menjadi perhatian utama bukan "
            "jarak tempuh, melainkan pemanas kabin. “Penumpang tidak mau berdiri di dalam bus yang "
            "dingin. Pemanas bisa menyedot hingga sepertiga daya baterai, jadi kami mencoba pompa "
            "kalor yang jauh lebih hemat,” ujarnya.",
            "Hasil uji coba akan menentukan apakah kota itu melanjutkan rencana mengganti seluruh "
            "bus diesel yang tersisa dalam lima tahun ke depan. Hasil awal dijadwalkan diumumkan "
            "pada musim semi.",
        ),
        tags=("Kendaraan Listrik", "Transportasi Publik", "Perkotaan"),
        photos=(
            DemoPhoto(
                scene="city",
                caption="Ilustrasi kota pada senja musim dingin.",
                alt_text=(
                    "Ilustrasi grafis siluet gedung-gedung tinggi berwarna biru tua dengan jendela "
                    "menyala di bawah langit senja jingga."
                ),
                credit="Ilustrasi: Newsroom/Arif Setiawan",
            ),
        ),
        dateline_place="Moskow, Rusia",
        source_agencies="Xinhua/Indonesia Window",
        published=ago(1, 6),
    ),
    DemoArticle(
        slug="china-perluas-stasiun-pengisian-kendaraan-listrik-desa",
        headline="China Perluas Stasiun Pengisian Kendaraan Listrik hingga ke Desa",
        section="dunia",
        standfirst=(
            "Pemerintah menargetkan setiap kecamatan di wilayah pedesaan memiliki setidaknya satu "
            "stasiun pengisian cepat dalam dua tahun."
        ),
        body=(
            "China akan membangun puluhan ribu stasiun pengisian kendaraan listrik baru di wilayah "
            "pedesaan, seiring makin banyaknya warga desa yang membeli mobil dan sepeda motor "
            "listrik berharga terjangkau.",
            "Program itu memprioritaskan jalan provinsi dan kota-kota kecil yang selama ini jarang "
            "dilalui jaringan pengisian. Sebagian stasiun akan dilengkapi panel surya di atapnya "
            "dan baterai penyimpan, sehingga tidak terlalu membebani jaringan listrik setempat.",
            "<h2>Jaringan listrik desa jadi tantangan</h2>",
            "Pengamat energi menilai hambatan terbesar ada pada kapasitas trafo di desa. “Mengisi "
            "puluhan mobil bersamaan pada malam hari membutuhkan daya sebesar satu kampung. "
            "Baterai penyimpan di lokasi menjadi kunci,” kata Zhang Wenli, peneliti di sebuah "
            "lembaga kajian energi.",
            "Penjualan kendaraan listrik di daerah pedesaan tumbuh lebih cepat daripada di kota "
            "besar sepanjang tahun ini, didorong model-model kecil yang harganya bersaing dengan "
            "mobil bensin.",
        ),
        tags=("Kendaraan Listrik", "Energi Terbarukan", "China", "Infrastruktur"),
        photos=(
            DemoPhoto(
                scene="hills",
                caption="Ilustrasi perbukitan di wilayah pedesaan saat matahari terbenam.",
                alt_text=(
                    "Ilustrasi grafis perbukitan berlapis berwarna abu-abu kebiruan di bawah "
                    "langit jingga dengan matahari bulat."
                ),
            ),
        ),
        dateline_place="Beijing, China",
        source_agencies="Xinhua/Indonesia Window",
        published=ago(4, 19),
    ),
    DemoArticle(
        slug="menteri-lingkungan-asean-peta-jalan-bebas-kabut-asap",
        headline="Menteri Lingkungan ASEAN Sepakati Peta Jalan Bebas Kabut Asap",
        section="dunia",
        standfirst=(
            "Negara-negara Asia Tenggara berjanji berbagi data titik panas setiap hari dan "
            "membentuk tim pemadam gabungan sebelum musim kemarau berikutnya."
        ),
        body=(
            "Para menteri lingkungan hidup negara anggota ASEAN menyepakati peta jalan baru untuk "
            "menekan kabut asap lintas batas, yang hampir setiap musim kemarau mengganggu "
            "penerbangan, sekolah, dan kesehatan jutaan warga di kawasan.",
            "Dalam pertemuan dua hari itu, setiap negara sepakat membagikan data titik panas dari "
            "satelit setiap hari melalui satu pusat pemantauan bersama. Negara anggota juga akan "
            "menyiapkan tim pemadam yang dapat dikirim ke negara tetangga dalam 48 jam setelah "
            "diminta.",
            "<blockquote><p>Asap tidak mengenal paspor. Kalau kita baru bergerak setelah langit "
            "menguning, kita sudah terlambat.</p></blockquote>",
            "Kalimat itu disampaikan ketua delegasi tuan rumah dalam pidato penutupan. Ia "
            "menekankan bahwa pencegahan di tingkat desa, seperti membantu petani membuka lahan "
            "tanpa membakar, jauh lebih murah daripada memadamkan api di lahan gambut.",
            "Kelompok masyarakat sipil menyambut baik kesepakatan tersebut, tetapi meminta target "
            "yang lebih terukur. “Kami ingin melihat angka: berapa hektare gambut yang dibasahi "
            "kembali dan berapa desa yang didampingi setiap tahun,” kata Mira Halim dari sebuah "
            "koalisi lingkungan regional.",
            "Peta jalan itu akan ditinjau kembali dalam pertemuan tingkat menteri tahun depan.",
        ),
        tags=("ASEAN", "Iklim", "Lingkungan", "Kebakaran Hutan"),
        photos=(
            DemoPhoto(
                scene="hills",
                caption="Ilustrasi perbukitan yang diselimuti kabut tipis saat matahari terbit.",
                alt_text=(
                    "Ilustrasi grafis perbukitan berlapis dalam gradasi biru dan abu-abu, dengan "
                    "langit jingga dan matahari pucat di balik kabut."
                ),
            ),
            DemoPhoto(
                scene="terraces",
                caption=(
                    "Ilustrasi lahan pertanian berundak. Pencegahan kebakaran dimulai dari cara "
                    "petani membuka lahan."
                ),
                alt_text=(
                    "Ilustrasi grafis petak-petak lahan berundak yang bergelombang dalam gradasi "
                    "biru dengan garis tepi terang."
                ),
                credit="Ilustrasi: Newsroom/Putri Ramadhani",
            ),
        ),
        authors=("sekar-ayuningtyas",),
        dateline_place="Kuala Lumpur, Malaysia",
        source_agencies="Antara",
        published=ago(2, 6),
        is_featured=True,
    ),
    DemoArticle(
        slug="jepang-uji-kereta-hidrogen-jalur-pedesaan",
        headline="Jepang Uji Kereta Bertenaga Hidrogen di Jalur Pedesaan",
        section="dunia",
        standfirst=(
            "Kereta dua gerbong itu menggantikan kereta diesel di jalur yang terlalu sepi untuk "
            "dipasangi kabel listrik di atas rel."
        ),
        body=(
            "Sebuah operator kereta regional di Jepang mulai menguji kereta bertenaga sel bahan "
            "bakar hidrogen di jalur pedesaan sepanjang 60 kilometer. Jalur itu selama ini "
            "dilayani kereta diesel karena memasang kabel listrik di atas rel dinilai terlalu "
            "mahal untuk jumlah penumpang yang sedikit.",
            "Kereta uji coba hanya mengeluarkan uap air dan dapat melaju hingga 100 kilometer per "
            "jam. Hidrogen diisi di depo setiap malam, cukup untuk beroperasi sepanjang hari.",
            "“Suaranya jauh lebih tenang. Penumpang lanjut usia yang setiap hari naik kereta ini "
            "ke rumah sakit di kota langsung merasakan bedanya,” kata Kenji Morita, kepala stasiun "
            "di salah satu desa yang dilalui jalur tersebut.",
            "Operator berencana memutuskan pengadaan kereta hidrogen secara penuh setelah uji coba "
            "selama satu tahun, dengan mempertimbangkan harga hidrogen yang masih tinggi.",
        ),
        tags=("Energi Terbarukan", "Transportasi Publik", "Jepang", "Hidrogen"),
        photos=(
            DemoPhoto(
                scene="hills",
                caption="Ilustrasi lanskap pedesaan yang dilalui jalur kereta regional.",
                alt_text=(
                    "Ilustrasi grafis perbukitan berlapis berwarna biru dan abu-abu di bawah "
                    "langit senja dengan matahari bulat."
                ),
            ),
        ),
        dateline_place="Tokyo, Jepang",
        source_agencies="Kyodo/Antara",
        published=ago(13, 9),
    ),
    DemoArticle(
        slug="gelombang-panas-makin-sering-asia-tenggara",
        headline="Gelombang Panas Diperkirakan Makin Sering Melanda Asia Tenggara",
        section="dunia",
        standfirst=(
            "Laporan iklim terbaru memperkirakan jumlah hari bersuhu ekstrem di kawasan itu bisa "
            "berlipat dalam dua dekade mendatang."
        ),
        body=(
            "Asia Tenggara diperkirakan menghadapi gelombang panas yang lebih sering dan lebih "
            "lama dalam dua dekade mendatang, menurut laporan iklim yang dirilis sebuah panel ahli "
            "internasional.",
            "Laporan itu menyebut kota-kota pesisir dengan kelembapan tinggi sebagai wilayah "
            "paling rentan, karena kombinasi panas dan lembap membuat tubuh sulit mendinginkan "
            "diri. Pekerja luar ruang, anak-anak, dan warga lanjut usia menjadi kelompok yang "
            "paling berisiko.",
            "<h2>Sistem peringatan dini</h2>",
            "Para penulis laporan mendorong pemerintah di kawasan memasang sistem peringatan dini "
            "panas ekstrem, seperti yang sudah lazim untuk banjir dan badai. “Peringatan yang "
            "datang sehari lebih awal memberi waktu bagi sekolah dan pabrik untuk mengatur jam "
            "kerja,” kata Anna Lindqvist, salah satu penulis utama laporan.",
            "Laporan juga merekomendasikan penanaman pohon peneduh dan atap berwarna terang di "
            "permukiman padat sebagai langkah murah yang dapat segera dilakukan.",
        ),
        tags=("Iklim", "ASEAN", "Cuaca", "Kesehatan Masyarakat"),
        photos=(
            DemoPhoto(
                scene="sea",
                caption="Ilustrasi matahari terik di atas laut pada sore hari.",
                alt_text=(
                    "Ilustrasi grafis matahari besar di atas laut biru keabu-abuan, dengan "
                    "pantulan cahaya di air dan perahu layar kecil."
                ),
            ),
        ),
        authors=("sekar-ayuningtyas",),
        dateline_place="Jenewa, Swiss",
        source_agencies="Antara",
        published=ago(21, 4),
    ),
    # Ekonomi
    DemoArticle(
        slug="ekspor-kopi-spesialti-naik-petani-gayo",
        headline="Ekspor Kopi Spesialti Naik, Petani Gayo Kewalahan Penuhi Pesanan",
        section="ekonomi",
        standfirst=(
            "Permintaan dari Korea Selatan, Jepang, dan Taiwan melonjak, tetapi cuaca yang tak "
            "menentu membuat panen tahun ini lebih sedikit."
        ),
        body=(
            "Permintaan kopi arabika spesialti dari dataran tinggi Gayo terus naik, terutama dari "
            "pembeli di Korea Selatan, Jepang, dan Taiwan. Sejumlah koperasi petani mengaku sudah "
            "menerima pesanan untuk panen tahun depan, meski panen tahun ini belum selesai diolah.",
            "Harga kopi gabah di tingkat petani ikut terdongkrak. Namun, hujan yang turun di luar "
            "musim membuat banyak bunga kopi gugur sebelum menjadi buah, sehingga volume panen "
            "diperkirakan lebih rendah dibanding tahun lalu.",
            "<h2>Mutu jadi taruhan</h2>",
            "Ketua salah satu koperasi, Saiful Bahri, mengatakan pembeli spesialti sangat ketat "
            "soal mutu. “Satu kontainer yang rasanya tidak sesuai contoh bisa membuat kami "
            "kehilangan pembeli selama bertahun-tahun. Jadi kami lebih memilih menolak pesanan "
            "daripada mencampur kopi,” ujarnya.",
            "Koperasi kini melatih anggota untuk memetik hanya buah yang benar-benar merah dan "
            "menjemur kopi di atas para-para, bukan di lantai semen, agar rasanya lebih bersih.",
            "Pemerintah daerah berencana membantu pengadaan bibit dan pohon pelindung untuk "
            "kebun-kebun yang rusak akibat cuaca ekstrem.",
        ),
        tags=("Ekspor", "Pertanian", "Kopi", "UMKM"),
        photos=(
            DemoPhoto(
                scene="terraces",
                caption="Ilustrasi kebun kopi berundak di dataran tinggi.",
                alt_text=(
                    "Ilustrasi grafis lahan berundak bergelombang dalam gradasi hijau toska dengan "
                    "matahari di langit keemasan."
                ),
            ),
        ),
        authors=("rina-kartikasari",),
        dateline_place="Takengon, Aceh",
        published=ago(1, 20),
        is_featured=True,
    ),
    DemoArticle(
        slug="pedagang-kaki-lima-surabaya-pembayaran-qr",
        headline="Tiga dari Empat Pedagang Kaki Lima di Surabaya Kini Terima Pembayaran QR",
        section="ekonomi",
        standfirst=(
            "Survei asosiasi pedagang menunjukkan pembayaran nontunai melonjak, tetapi uang tunai "
            "tetap jadi andalan saat sinyal hilang."
        ),
        body=(
            "Sekitar tiga dari empat pedagang kaki lima di Surabaya kini menerima pembayaran "
            "dengan kode QR, menurut survei asosiasi pedagang kota itu terhadap 1.200 anggotanya. "
            "Dua tahun lalu, angkanya belum mencapai separuh.",
            "Pedagang mengaku terdorong oleh pembeli muda yang semakin jarang membawa uang tunai. "
            "Pembayaran QR juga mengurangi repotnya menyiapkan uang kembalian dan risiko menerima "
            "uang palsu.",
            "“Kalau tidak ada QR, mahasiswa langsung pindah ke gerobak sebelah,” kata Imam Syafii, "
            "penjual nasi goreng di kawasan kampus. Meski begitu, ia tetap menyiapkan uang "
            "kembalian karena sinyal di lokasinya sering hilang saat hujan.",
            "Asosiasi meminta penyedia layanan pembayaran menurunkan biaya transaksi untuk usaha "
            "mikro dan mempercepat pencairan dana ke rekening pedagang, yang bagi sebagian "
            "pedagang masih memakan waktu satu hari.",
        ),
        tags=("Ekonomi Digital", "UMKM", "Perbankan", "Perkotaan"),
        photos=(
            DemoPhoto(
                scene="city",
                caption=(
                    "Ilustrasi kawasan kota pada malam hari, saat pedagang kaki lima ramai pembeli."
                ),
                alt_text=(
                    "Ilustrasi grafis siluet gedung-gedung berwarna hijau kebiruan dengan jendela "
                    "menyala di bawah langit senja keemasan."
                ),
            ),
        ),
        authors=("rina-kartikasari",),
        dateline_place="Surabaya, Jawa Timur",
        published=ago(5, 7),
    ),
    DemoArticle(
        slug="harga-cabai-turun-jelang-panen-raya-jawa-tengah",
        headline="Harga Cabai Turun Menjelang Panen Raya di Jawa Tengah",
        section="ekonomi",
        standfirst=(
            "Pasokan dari sentra produksi di lereng gunung mulai membanjiri pasar induk dan "
            "menekan harga cabai rawit hingga sepertiga dalam dua pekan."
        ),
        body=(
            "Harga cabai rawit di sejumlah pasar di Jawa Tengah turun tajam dalam dua pekan "
            "terakhir seiring dimulainya panen raya di sentra produksi di lereng gunung. Di pasar "
            "induk, harga cabai rawit merah kini sekitar sepertiga lebih murah dibanding awal "
            "bulan.",
            "Pedagang menyebut pasokan yang datang setiap subuh hampir dua kali lipat dibanding "
            "bulan lalu. Sebagian petani memilih memanen lebih cepat karena khawatir hujan deras "
            "merusak buah di pohon.",
            "Bagi konsumen, penurunan harga ini kabar baik. Namun, petani mengingatkan bahwa harga "
            "yang terlalu rendah bisa membuat mereka enggan menanam pada musim berikutnya. “Kalau "
            "harganya jatuh di bawah ongkos petik, lebih baik cabainya dibiarkan di pohon,” kata "
            "Suyono, petani cabai di sebuah desa di lereng gunung.",
            "Dinas pertanian setempat mendorong petani menjual sebagian hasil panen ke industri "
            "pengolahan, seperti pabrik saus dan cabai kering, agar harga tidak terus merosot.",
        ),
        tags=("Pangan", "Pertanian", "Inflasi"),
        photos=(
            DemoPhoto(
                scene="terraces",
                caption="Ilustrasi ladang berundak di lereng gunung.",
                alt_text=(
                    "Ilustrasi grafis ladang berundak yang bergelombang dalam gradasi hijau toska "
                    "dan biru tua dengan matahari di langit."
                ),
            ),
        ),
        dateline_place="Magelang, Jawa Tengah",
        source_agencies="Antara",
        published=ago(8, 5),
    ),
    DemoArticle(
        slug="investasi-energi-terbarukan-asean-naik-dua-kali-lipat",
        headline="Investasi Energi Terbarukan di ASEAN Diproyeksi Naik Dua Kali Lipat",
        section="ekonomi",
        standfirst=(
            "Tenaga surya atap dan jaringan listrik antarnegara menjadi incaran utama investor "
            "hingga akhir dekade ini."
        ),
        body=(
            "Investasi pada energi terbarukan di negara-negara ASEAN diproyeksikan naik dua kali "
            "lipat hingga akhir dekade ini, menurut kajian sebuah lembaga riset energi yang "
            "dipaparkan dalam forum investasi di Singapura.",
            "Pembangkit listrik tenaga surya, baik di atap pabrik maupun di lahan bekas tambang, "
            "disebut sebagai sektor yang paling cepat tumbuh. Proyek jaringan listrik antarnegara, "
            "yang memungkinkan listrik dari tenaga air dan angin dikirim melintasi perbatasan, "
            "juga menarik minat investor.",
            "<blockquote><p>Modalnya ada. Yang ditunggu investor adalah kepastian: tarif yang "
            "jelas, izin yang tidak berubah-ubah, dan jaringan yang siap menampung listrik "
            "baru.</p></blockquote>",
            "Pernyataan itu disampaikan Lim Wei Jie, analis energi yang menyusun kajian tersebut. "
            "Menurut dia, negara yang paling cepat membenahi aturan akan menjadi tujuan utama "
            "modal baru.",
            "Kajian yang sama mencatat kebutuhan listrik kawasan terus naik seiring tumbuhnya "
            "pusat data dan industri kendaraan listrik, sehingga pembangkit baru tetap diperlukan "
            "meski efisiensi energi ditingkatkan.",
        ),
        tags=("Energi Terbarukan", "ASEAN", "Investasi", "Iklim"),
        photos=(
            DemoPhoto(
                scene="hills",
                caption=(
                    "Ilustrasi perbukitan saat matahari terbit, lokasi yang kerap dilirik untuk "
                    "pembangkit tenaga angin."
                ),
                alt_text=(
                    "Ilustrasi grafis perbukitan berlapis dalam gradasi hijau toska di bawah "
                    "langit keemasan dengan matahari bulat."
                ),
            ),
        ),
        authors=("sekar-ayuningtyas", "rina-kartikasari"),
        dateline_place="Singapura",
        source_agencies="Antara",
        published=ago(17, 11),
    ),
    DemoArticle(
        slug="asean-uji-coba-pembayaran-qr-lintas-batas-tahap-kedua",
        headline="Lima Negara ASEAN Mulai Uji Coba Tahap Kedua Pembayaran QR Lintas Batas",
        section="ekonomi",
        standfirst=(
            "Wisatawan dan pelaku usaha kecil dapat membayar dengan aplikasi dari negara asal "
            "tanpa menukar uang lebih dulu."
        ),
        body=(
            "Lima negara ASEAN memulai tahap kedua uji coba pembayaran QR lintas batas, yang "
            "memungkinkan wisatawan membayar di toko dan warung di negara tetangga menggunakan "
            "aplikasi pembayaran dari negara asalnya.",
            "Pada tahap ini, layanan diperluas dari pembayaran di toko ke pembayaran antarpelaku "
            "usaha kecil, misalnya perajin yang membeli bahan baku dari pemasok di negara lain. "
            "Kurs dihitung saat transaksi dan ditampilkan sebelum pembayaran dikonfirmasi.",
            "“Bagi usaha kecil, selisih kurs dan biaya transfer antarnegara selama ini bisa "
            "menghabiskan sebagian besar keuntungan. Tahap kedua ini kami rancang untuk mereka,” "
            "kata seorang pejabat bank sentral yang terlibat dalam uji coba.",
            "Uji coba tahap kedua akan berlangsung enam bulan sebelum dievaluasi bersama oleh "
            "kelima bank sentral.",
        ),
        tags=("Ekonomi Digital", "ASEAN", "Perbankan", "UMKM"),
        photos=(
            DemoPhoto(
                scene="city",
                caption="Ilustrasi pusat kota yang ramai wisatawan.",
                alt_text=(
                    "Ilustrasi grafis siluet gedung-gedung tinggi dengan jendela menyala di bawah "
                    "langit senja keemasan."
                ),
            ),
        ),
        authors=("rina-kartikasari",),
        dateline_place="Jakarta",
        source_agencies="Antara",
        published=ahead(2),
    ),
    # Teknologi
    DemoArticle(
        slug="penipuan-berkedok-kiriman-paket-meningkat",
        headline="Penipuan Berkedok Kiriman Paket Meningkat Jelang Akhir Tahun",
        section="teknologi",
        standfirst=(
            "Pesan palsu yang meminta korban membuka berkas “foto resi” ternyata memasang aplikasi "
            "pencuri kode OTP."
        ),
        body=(
            "Laporan penipuan yang memanfaatkan pesan berkedok kiriman paket meningkat menjelang "
            "musim belanja akhir tahun. Korban umumnya menerima pesan yang mengaku dari kurir, "
            "berisi berkas yang disebut sebagai foto resi atau bukti pengiriman.",
            "Berkas tersebut sebenarnya aplikasi yang, setelah dipasang, dapat membaca pesan "
            "masuk, termasuk kode sekali pakai dari bank. Dalam hitungan menit, pelaku dapat "
            "mengambil alih akun dompet digital atau rekening korban.",
            "“Foto resi tidak pernah berbentuk aplikasi. Kalau ponsel meminta izin memasang "
            "aplikasi dari sumber tidak dikenal, berhenti di situ,” kata Andini Puspita, peneliti "
            "keamanan siber di sebuah perusahaan konsultan.",
            "Ia menyarankan pengguna mengecek status paket langsung di aplikasi resmi kurir, tidak "
            "membuka berkas dari nomor tak dikenal, dan segera menghubungi bank bila telanjur "
            "memasang aplikasi yang mencurigakan.",
        ),
        tags=("Keamanan Siber", "Ekonomi Digital", "Perlindungan Konsumen"),
        photos=(
            DemoPhoto(
                scene="network",
                caption="Ilustrasi jaringan data.",
                alt_text=(
                    "Ilustrasi grafis titik-titik biru muda bercahaya yang saling terhubung garis "
                    "tipis di atas latar ungu gelap."
                ),
            ),
        ),
        authors=("bayu-prasetyo",),
        dateline_place="Jakarta",
        published=ago(0, 9),
    ),
    DemoArticle(
        slug="sensor-tanah-murah-perusahaan-rintisan-bandung",
        headline="Perusahaan Rintisan Bandung Kembangkan Sensor Tanah Murah untuk Petani",
        section="teknologi",
        standfirst=(
            "Sensor seukuran pena itu mengukur kelembapan dan keasaman tanah, lalu mengirim saran "
            "ke ponsel petani dalam bahasa sehari-hari."
        ),
        body=(
            "Sebuah perusahaan rintisan di Bandung mengembangkan sensor tanah yang harganya kurang "
            "dari seperlima perangkat impor sejenis. Sensor seukuran pena itu ditancapkan di lahan "
            "dan mengukur kelembapan, suhu, serta tingkat keasaman tanah setiap jam.",
            "Data dikirim lewat jaringan radio berdaya rendah ke sebuah penerima di rumah petani, "
            "lalu diteruskan ke ponsel. Alih-alih grafik yang rumit, petani menerima saran "
            "singkat, misalnya kapan sebaiknya menyiram atau apakah lahan perlu diberi kapur.",
            "“Petani tidak butuh angka pH dua desimal. Mereka butuh tahu besok harus berbuat apa,” "
            "kata Rizky Maulana, salah satu pendiri perusahaan itu.",
            "Saat ini sensor sedang diuji di 40 kebun sayur di dataran tinggi Bandung. Perusahaan "
            "menargetkan produksi massal tahun depan dan menjajaki kerja sama dengan koperasi tani "
            "agar sensor dapat disewa, bukan dibeli.",
        ),
        tags=("Perusahaan Rintisan", "Pertanian", "Internet of Things"),
        photos=(
            DemoPhoto(
                scene="terraces",
                caption="Ilustrasi kebun sayur berundak di dataran tinggi.",
                alt_text=(
                    "Ilustrasi grafis lahan berundak bergelombang dalam gradasi ungu dengan garis "
                    "tepi biru muda dan bulan bercahaya."
                ),
            ),
            DemoPhoto(
                scene="network",
                caption="Ilustrasi sensor-sensor yang saling terhubung lewat jaringan radio.",
                alt_text=(
                    "Ilustrasi grafis titik-titik bercahaya yang saling terhubung garis tipis di "
                    "atas latar ungu gelap."
                ),
                credit="Ilustrasi: Newsroom/Galih Saputra",
            ),
        ),
        authors=("bayu-prasetyo",),
        dateline_place="Bandung, Jawa Barat",
        published=ago(2, 22),
    ),
    DemoArticle(
        slug="pabrik-shenzhen-produksi-baterai-natrium-motor-listrik",
        headline="Pabrik di Shenzhen Mulai Produksi Massal Baterai Natrium untuk Motor Listrik",
        section="teknologi",
        standfirst=(
            "Baterai berbahan natrium lebih murah dan tahan dingin, meski masih kalah ringan "
            "dibanding baterai litium."
        ),
        body=(
            "Sebuah pabrik di Shenzhen mulai memproduksi secara massal baterai natrium-ion untuk "
            "sepeda motor dan skuter listrik. Baterai jenis ini memakai natrium, unsur yang mudah "
            "ditemukan dalam garam, sebagai pengganti litium yang harganya naik turun.",
            "Menurut perusahaan, baterai natrium tetap dapat diisi dengan baik pada suhu di bawah "
            "nol derajat dan lebih kecil risikonya terbakar. Kelemahannya, untuk kapasitas yang "
            "sama, baterai ini sedikit lebih berat.",
            "“Untuk motor yang dipakai di dalam kota, selisih berat beberapa kilogram tidak "
            "terlalu terasa. Yang dirasakan pembeli adalah harganya,” kata Chen Yuhan, manajer "
            "produk di pabrik tersebut.",
            "Perusahaan menargetkan kapasitas produksi untuk setengah juta kendaraan per tahun dan "
            "tengah menjajaki pasar ekspor di Asia Tenggara.",
        ),
        tags=("Kendaraan Listrik", "Baterai", "China", "Energi Terbarukan", "Ekspor"),
        photos=(
            DemoPhoto(
                scene="city",
                caption="Ilustrasi kawasan industri pada malam hari.",
                alt_text=(
                    "Ilustrasi grafis siluet gedung-gedung tinggi dengan jendela biru muda menyala "
                    "di bawah langit ungu."
                ),
            ),
        ),
        dateline_place="Shenzhen, China",
        source_agencies="Xinhua/Indonesia Window",
        published=ago(7, 10),
    ),
    DemoArticle(
        slug="model-bahasa-jawa-madura-osing-kampus-surabaya",
        headline="Kampus di Surabaya Latih Model Bahasa untuk Jawa, Madura, dan Osing",
        section="teknologi",
        standfirst=(
            "Peneliti mengumpulkan rekaman cerita rakyat dan siaran radio lokal agar kecerdasan "
            "buatan mengenali bahasa yang dipakai sehari-hari."
        ),
        body=(
            "Tim peneliti di sebuah perguruan tinggi di Surabaya melatih model bahasa yang dapat "
            "memahami dan menjawab dalam bahasa Jawa, Madura, dan Osing. Proyek ini berawal dari "
            "keluhan bahwa asisten digital yang ada hanya fasih berbahasa Indonesia baku dan "
            "bahasa Inggris.",
            "Untuk melatih model tersebut, tim mengumpulkan ribuan jam rekaman siaran radio lokal, "
            "naskah ketoprak, dan cerita rakyat yang dituturkan warga. Setiap rekaman digunakan "
            "dengan izin, dan penutur mendapat salinan arsip suara mereka.",
            "<h2>Tingkatan bahasa jadi ujian</h2>",
            "Tantangan terbesar justru ada pada tingkatan bahasa. “Model harus tahu kapan memakai "
            "krama untuk orang tua dan kapan ngoko untuk teman sebaya. Kesalahan kecil di sini "
            "terdengar sangat tidak sopan,” kata Dimas Aryo, peneliti yang memimpin proyek itu.",
            "Model tersebut akan dibuka untuk umum dan diuji lebih dulu di perpustakaan daerah "
            "serta layanan informasi kesehatan berbahasa daerah.",
        ),
        tags=("Kecerdasan Buatan", "Bahasa Daerah", "Pendidikan", "Riset"),
        photos=(
            DemoPhoto(
                scene="network",
                caption="Ilustrasi jaringan saraf tiruan.",
                alt_text=(
                    "Ilustrasi grafis simpul-simpul bercahaya yang dihubungkan garis tipis, dengan "
                    "lingkaran cahaya samar di latar ungu gelap."
                ),
            ),
        ),
        authors=("bayu-prasetyo",),
        dateline_place="Surabaya, Jawa Timur",
        published=ago(10, 14),
    ),
    DemoArticle(
        slug="pusat-data-batam-pendingin-air-laut-dalam",
        headline="Pusat Data di Batam Uji Pendinginan dengan Air Laut Dalam",
        section="teknologi",
        standfirst=(
            "Air laut dari kedalaman ratusan meter dipompa untuk mendinginkan ruang server, "
            "memangkas listrik untuk pendingin hingga separuh."
        ),
        body=(
            "Sebuah pusat data baru di Batam menguji sistem pendingin yang memanfaatkan air laut "
            "dari kedalaman sekitar 300 meter. Air yang jauh lebih dingin daripada air di "
            "permukaan itu dialirkan melalui penukar panas, lalu dikembalikan ke laut.",
            "Pengelola mengklaim sistem ini dapat memangkas listrik untuk pendinginan hingga "
            "separuh dibanding mesin pendingin biasa. Di negara tropis, pendinginan bisa menyerap "
            "hampir 40 persen kebutuhan listrik sebuah pusat data.",
            "Pemerhati lingkungan meminta pemantauan suhu air buangan dilakukan secara terbuka. "
            "“Selisih satu-dua derajat bisa berpengaruh pada terumbu karang di sekitar pipa "
            "buangan,” kata Fajar Nugroho dari sebuah kelompok pemerhati pesisir.",
            "Pengelola menyatakan akan memasang sensor suhu di sekitar titik buangan dan "
            "memublikasikan datanya setiap bulan.",
        ),
        tags=("Pusat Data", "Energi Terbarukan", "Kelautan"),
        photos=(
            DemoPhoto(
                scene="sea",
                caption="Ilustrasi perairan di sekitar pulau.",
                alt_text=(
                    "Ilustrasi grafis laut ungu yang tenang dengan pantulan cahaya biru muda, "
                    "perahu layar kecil, dan pulau di cakrawala."
                ),
            ),
        ),
        authors=("bayu-prasetyo",),
        dateline_place="Batam, Kepulauan Riau",
        status="review",
    ),
    # Olahraga
    DemoArticle(
        slug="bulu-tangkis-junior-tiga-gelar-kejuaraan-asia",
        headline="Tim Bulu Tangkis Junior Indonesia Bawa Pulang Tiga Gelar Kejuaraan Asia",
        section="olahraga",
        standfirst=(
            "Gelar datang dari nomor tunggal putri, ganda putra, dan ganda campuran, hasil terbaik "
            "tim junior dalam lima tahun terakhir."
        ),
        body=(
            "Tim bulu tangkis junior Indonesia pulang dengan tiga gelar dari kejuaraan Asia "
            "kelompok umur di bawah 19 tahun. Gelar diraih dari nomor tunggal putri, ganda putra, "
            "dan ganda campuran.",
            "Tunggal putri Salsabila Nur Aini menjadi sorotan setelah menang rubber game di final. "
            "Pemain berusia 17 tahun itu sempat tertinggal jauh pada gim ketiga sebelum mengejar "
            "dan menutup laga dengan smes silang.",
            "“Saya cuma memikirkan satu poin demi satu poin. Pelatih bilang, jangan lihat papan "
            "skor,” kata Salsabila setibanya di bandara, disambut keluarga dan teman-teman "
            "klubnya.",
            "Kepala pelatih tim junior menyebut hasil ini modal menuju kejuaraan dunia junior "
            "akhir tahun. Namun, ia mengingatkan bahwa nomor tunggal putra masih tertinggal dan "
            "membutuhkan perhatian khusus.",
        ),
        tags=("Bulu Tangkis", "Atlet Muda", "Tim Nasional"),
        photos=(
            DemoPhoto(
                scene="track",
                caption="Ilustrasi arena olahraga yang dipadati penonton.",
                alt_text=(
                    "Ilustrasi grafis arena dengan tribune penuh penonton berwarna-warni, lampu "
                    "sorot, dan lantai bergaris ke arah tengah."
                ),
            ),
        ),
        authors=("hendra-wicaksono",),
        dateline_place="Jakarta",
        published=ago(1, 2),
    ),
    DemoArticle(
        slug="maraton-danau-toba-delapan-ribu-pelari",
        headline="Delapan Ribu Pelari Ramaikan Maraton di Tepi Danau Toba",
        section="olahraga",
        standfirst=(
            "Pelari dari 20 negara menempuh rute berbukit dengan pemandangan danau, sementara "
            "warga setempat membuka rumahnya sebagai penginapan."
        ),
        body=(
            "Sekitar 8.000 pelari dari 20 negara mengikuti lomba lari di tepi Danau Toba, yang "
            "terdiri atas nomor maraton penuh, setengah maraton, dan 10 kilometer. Rute lomba "
            "menyusuri jalan berbukit dengan pemandangan danau di sepanjang perjalanan.",
            "Pelari asal Kenya dan Etiopia mendominasi nomor maraton penuh putra dan putri, "
            "sementara pelari Indonesia meraih podium di nomor setengah maraton. Panitia mencatat "
            "tidak ada pelari yang mengalami cedera serius meski suhu siang cukup terik.",
            "Ajang ini juga menjadi berkah bagi warga. Hotel di sekitar Parapat penuh sejak dua "
            "hari sebelum lomba, dan puluhan keluarga menyewakan kamar di rumahnya kepada pelari. "
            "“Tamu saya dari Medan dan dari Malaysia. Anak saya jadi ikut belajar bahasa Inggris,” "
            "kata Rosmawati, warga yang menyewakan dua kamar.",
            "Panitia berencana menjadikan lomba ini agenda tahunan dan menambah kategori lari "
            "untuk anak-anak.",
        ),
        tags=("Lari", "Pariwisata", "Wisata Olahraga"),
        photos=(
            DemoPhoto(
                scene="sea",
                caption="Ilustrasi danau yang luas saat matahari mulai turun.",
                alt_text=(
                    "Ilustrasi grafis perairan jingga dengan pantulan matahari, perahu layar "
                    "kecil, dan bukit di tepi cakrawala."
                ),
            ),
            DemoPhoto(
                scene="hills",
                caption="Ilustrasi rute berbukit yang ditempuh para pelari.",
                alt_text=(
                    "Ilustrasi grafis perbukitan berlapis berwarna jingga dan cokelat di bawah "
                    "langit biru dengan matahari bulat."
                ),
                credit="Ilustrasi: Newsroom/Putri Ramadhani",
            ),
        ),
        authors=("hendra-wicaksono",),
        dateline_place="Parapat, Sumatra Utara",
        source_agencies="Antara",
        published=ago(4, 3),
    ),
    DemoArticle(
        slug="srikandi-malang-fc-melaju-ke-final-liga-putri",
        headline="Srikandi Malang FC Melaju ke Final Liga Sepak Bola Putri",
        section="olahraga",
        standfirst=(
            "Tim yang baru dua musim berdiri itu menyingkirkan juara bertahan lewat adu penalti di "
            "hadapan stadion yang hampir penuh."
        ),
        body=(
            "Srikandi Malang FC memastikan tempat di final liga sepak bola putri setelah "
            "menyingkirkan juara bertahan lewat adu penalti. Laga semifinal berakhir 1-1 hingga "
            "babak perpanjangan waktu.",
            "Kiper berusia 19 tahun, Dwi Anggraini, menjadi penentu dengan menepis dua tendangan "
            "penalti. Gol Srikandi pada waktu normal dicetak kapten tim lewat sundulan "
            "memanfaatkan sepak pojok.",
            "Hampir 15.000 penonton memadati stadion, jumlah terbanyak untuk laga sepak bola putri "
            "di kota itu. “Dulu kami bermain di depan keluarga sendiri. Hari ini rasanya seperti "
            "main di final piala dunia,” kata Dwi seusai laga.",
            "Di final, Srikandi Malang akan menghadapi pemenang semifinal lainnya yang digelar "
            "akhir pekan ini.",
        ),
        tags=("Sepak Bola", "Sepak Bola Putri", "Atlet Muda"),
        photos=(
            DemoPhoto(
                scene="track",
                caption="Ilustrasi stadion yang dipadati penonton pada malam pertandingan.",
                alt_text=(
                    "Ilustrasi grafis stadion dengan tribune penuh penonton, dua tiang lampu "
                    "sorot, dan lapangan bergaris."
                ),
            ),
        ),
        authors=("hendra-wicaksono",),
        dateline_place="Malang, Jawa Timur",
        published=ago(9, 8),
    ),
    DemoArticle(
        slug="final-liga-putri-srikandi-malang-tantang-garuda-pasundan",
        headline="Final Liga Sepak Bola Putri: Srikandi Malang Tantang Garuda Pasundan",
        section="olahraga",
        standfirst=(
            "Dua tim dengan pertahanan terbaik musim ini bertemu di Bandung, dan tiket sudah habis "
            "terjual tiga hari sebelum laga."
        ),
        body=(
            "Srikandi Malang FC akan menantang Garuda Pasundan di final liga sepak bola putri di "
            "Bandung. Kedua tim kebobolan kurang dari sepuluh gol sepanjang musim, sehingga laga "
            "diperkirakan berlangsung ketat.",
            "Garuda Pasundan berstatus tuan rumah dan lebih berpengalaman, dengan beberapa pemain "
            "yang pernah membela tim nasional kelompok umur. Srikandi Malang mengandalkan "
            "kecepatan pemain sayap dan kiper muda yang tampil gemilang di semifinal.",
            "“Kami datang bukan untuk jadi penggembira. Anak-anak sudah membuktikan bisa "
            "mengalahkan siapa saja,” kata pelatih Srikandi Malang, Eko Susanto.",
            "Tiket final dilaporkan habis terjual tiga hari sebelum pertandingan. Panitia "
            "menyiapkan layar lebar di alun-alun kota bagi penonton yang tidak kebagian tiket.",
        ),
        tags=("Sepak Bola", "Sepak Bola Putri", "Atlet Muda"),
        photos=(
            DemoPhoto(
                scene="track",
                caption="Ilustrasi stadion menjelang laga final.",
                alt_text=(
                    "Ilustrasi grafis stadion dengan tribune penonton, lampu sorot menyala, dan "
                    "lapangan bergaris di bawah langit senja."
                ),
            ),
        ),
        authors=("hendra-wicaksono",),
        dateline_place="Bandung, Jawa Barat",
        published=ahead(5),
    ),
    DemoArticle(
        slug="pelatih-baru-voli-putra-fokus-regenerasi",
        headline="Pelatih Baru Tim Voli Putra Fokus pada Regenerasi",
        section="olahraga",
        standfirst="Separuh pemain dalam daftar panggil pertamanya berusia di bawah 23 tahun.",
        body=(
            "Pelatih baru tim bola voli putra menyatakan akan memberi kesempatan lebih besar "
            "kepada pemain muda. Dalam daftar panggil pertamanya, separuh dari 20 pemain berusia "
            "di bawah 23 tahun.",
            "Ia menilai tim membutuhkan penyerang bertubuh tinggi yang dapat bersaing di level "
            "Asia, dan mengaku sudah memantau sejumlah pemain dari kompetisi antarklub dan "
            "kejuaraan pelajar.",
            "Pemusatan latihan dijadwalkan dimulai bulan depan.",
            "<p><em>Catatan redaksi: tambahkan kutipan langsung dari pelatih sebelum "
            "terbit.</em></p>",
        ),
        tags=("Bola Voli", "Atlet Muda", "Tim Nasional"),
        photos=(
            DemoPhoto(
                scene="track",
                caption="Ilustrasi gedung olahraga.",
                alt_text=(
                    "Ilustrasi grafis arena dengan tribune penonton, lampu sorot, dan lantai "
                    "bergaris."
                ),
            ),
        ),
        authors=("hendra-wicaksono",),
        status="draft",
    ),
    # Sains & Kesehatan
    DemoArticle(
        slug="spesies-anggrek-baru-pegunungan-arfak",
        headline="Peneliti Temukan Spesies Anggrek Baru di Pegunungan Arfak",
        section="sains-kesehatan",
        standfirst=(
            "Anggrek kecil berbunga ungu pucat itu hanya tumbuh di hutan lumut pada ketinggian di "
            "atas 2.000 meter."
        ),
        body=(
            "Tim peneliti botani melaporkan penemuan spesies anggrek baru di hutan lumut "
            "Pegunungan Arfak, Papua Barat. Anggrek epifit berukuran kecil itu memiliki bunga ungu "
            "pucat yang panjangnya tidak lebih dari satu sentimeter.",
            "Spesimen pertama ditemukan saat survei keanekaragaman hayati bersama warga kampung "
            "setempat, yang mengenal tumbuhan itu tetapi belum pernah melihatnya tercatat di buku "
            "mana pun. Setelah dibandingkan dengan koleksi herbarium, tim memastikan anggrek "
            "tersebut belum pernah dideskripsikan.",
            "“Penemuan ini tidak mungkin terjadi tanpa pengetahuan warga. Merekalah yang membawa "
            "kami ke pohon tempat anggrek ini tumbuh,” kata Ester Rumbiak, ahli botani yang "
            "memimpin tim.",
            "Karena hanya ditemukan di wilayah yang sangat sempit, peneliti mengusulkan agar "
            "anggrek itu langsung digolongkan terancam punah. Mereka juga meminta jalur pendakian "
            "di sekitar lokasi diatur agar habitatnya tidak rusak.",
        ),
        tags=("Keanekaragaman Hayati", "Riset", "Papua", "Lingkungan"),
        photos=(
            DemoPhoto(
                scene="hills",
                caption="Ilustrasi pegunungan berhutan yang diselimuti kabut.",
                alt_text=(
                    "Ilustrasi grafis pegunungan berlapis dalam gradasi hijau toska di bawah "
                    "langit biru pucat dengan matahari putih."
                ),
            ),
        ),
        authors=("nadia-rahmawati",),
        dateline_place="Manokwari, Papua Barat",
        published=ago(3, 16),
    ),
    DemoArticle(
        slug="puskesmas-terapung-sungai-kapuas",
        headline="Puskesmas Terapung Layani Warga di Sepanjang Sungai Kapuas",
        section="sains-kesehatan",
        standfirst=(
            "Kapal berisi ruang periksa, apotek kecil, dan alat USG itu singgah di 30 desa yang "
            "sulit dijangkau lewat jalan darat."
        ),
        body=(
            "Sebuah kapal puskesmas terapung mulai berlayar menyusuri Sungai Kapuas, melayani "
            "warga di desa-desa yang hanya dapat dijangkau lewat sungai. Kapal itu dilengkapi "
            "ruang periksa, apotek kecil, alat USG portabel, dan laboratorium sederhana.",
            "Dalam satu putaran selama dua pekan, kapal singgah di 30 desa. Petugas memeriksa ibu "
            "hamil, memberi imunisasi anak, dan memantau pasien tekanan darah tinggi yang selama "
            "ini jarang memeriksakan diri karena jauhnya jarak ke puskesmas.",
            "“Dulu ke puskesmas kecamatan harus naik perahu tiga jam dan membeli bensin sendiri. "
            "Sekarang puskesmasnya yang datang,” kata Halimah, warga yang membawa anaknya untuk "
            "imunisasi.",
            "Dinas kesehatan setempat berencana menambah satu kapal lagi tahun depan agar setiap "
            "desa dapat dikunjungi dua kali sebulan.",
        ),
        tags=("Kesehatan Masyarakat", "Desa", "Sungai"),
        photos=(
            DemoPhoto(
                scene="sea",
                caption="Ilustrasi perahu di perairan yang tenang.",
                alt_text=(
                    "Ilustrasi grafis perahu layar kecil di perairan hijau toska yang tenang "
                    "dengan pantulan matahari putih."
                ),
            ),
        ),
        authors=("nadia-rahmawati",),
        dateline_place="Pontianak, Kalimantan Barat",
        source_agencies="Antara",
        published=ago(6, 21),
    ),
    DemoArticle(
        slug="studi-jalan-kaki-7000-langkah-sehari",
        headline="Studi: Jalan Kaki 7.000 Langkah Sehari Sudah Beri Manfaat Besar",
        section="sains-kesehatan",
        standfirst=(
            "Penelitian terhadap ribuan orang dewasa di perkotaan menunjukkan manfaat kesehatan "
            "tidak harus menunggu angka 10.000 langkah."
        ),
        body=(
            "Berjalan kaki sekitar 7.000 langkah per hari sudah cukup untuk menurunkan risiko "
            "penyakit jantung secara berarti, menurut penelitian tim kesehatan masyarakat di "
            "Yogyakarta yang mengikuti lebih dari 4.000 orang dewasa selama lima tahun.",
            "Peserta yang rata-rata berjalan 7.000 langkah memiliki risiko penyakit jantung dan "
            "pembuluh darah lebih rendah dibanding mereka yang berjalan kurang dari 3.000 langkah. "
            "Tambahan langkah di atas 10.000 tetap bermanfaat, tetapi tidak sebesar lonjakan dari "
            "kelompok yang paling tidak aktif.",
            "<blockquote><p>Sedikit lebih banyak bergerak jauh lebih baik daripada tidak sama "
            "sekali. Angka 10.000 jangan sampai membuat orang menyerah sebelum "
            "mulai.</p></blockquote>",
            "Demikian kata Galuh Pertiwi, epidemiolog yang memimpin penelitian. Timnya menyarankan "
            "kebiasaan sederhana, seperti turun satu halte lebih awal atau berjalan kaki ke "
            "warung, untuk menambah langkah harian.",
            "Para peneliti juga mengingatkan bahwa trotoar yang aman dan teduh menentukan apakah "
            "warga kota mau berjalan kaki.",
        ),
        tags=("Kesehatan Masyarakat", "Riset", "Gaya Hidup Sehat", "Perkotaan"),
        photos=(
            DemoPhoto(
                scene="city",
                caption="Ilustrasi kota pada pagi hari.",
                alt_text=(
                    "Ilustrasi grafis siluet gedung-gedung berwarna hijau kebiruan dengan jendela "
                    "menyala di bawah langit biru pucat."
                ),
            ),
        ),
        authors=("nadia-rahmawati",),
        dateline_place="Yogyakarta",
        published=ago(15, 6),
    ),
    DemoArticle(
        slug="terumbu-karang-raja-ampat-tanda-pemulihan",
        headline="Terumbu Karang di Raja Ampat Tunjukkan Tanda Pemulihan",
        section="sains-kesehatan",
        standfirst=(
            "Survei penyelaman menemukan karang muda tumbuh kembali di lokasi yang dua tahun lalu "
            "memutih akibat suhu laut yang terlalu panas."
        ),
        body=(
            "Survei terbaru di perairan Raja Ampat menemukan tanda-tanda pemulihan terumbu karang "
            "di sejumlah lokasi yang sebelumnya mengalami pemutihan massal. Penyelam mencatat "
            "koloni karang muda tumbuh di atas kerangka karang yang mati dua tahun lalu.",
            "Pemutihan terjadi ketika suhu laut terlalu tinggi terlalu lama, sehingga karang "
            "melepaskan alga yang hidup di jaringannya dan menjadi sumber makanan utamanya. Jika "
            "suhu kembali normal cukup cepat, sebagian karang dapat pulih.",
            "“Yang membuat kami lega, ikan-ikan herbivora masih banyak. Mereka membersihkan alga "
            "yang menutupi karang, sehingga karang muda punya tempat untuk menempel,” kata Yakob "
            "Mambrasar, koordinator tim survei.",
            "<h2>Pemulihan butuh belasan tahun</h2>",
            "Meski begitu, peneliti mengingatkan bahwa pemulihan penuh membutuhkan waktu belasan "
            "tahun, dan gelombang panas laut berikutnya bisa menghapus kemajuan itu. Mereka "
            "mendorong pembatasan jangkar kapal wisata dan penangkapan ikan herbivora di zona "
            "pemulihan.",
        ),
        tags=("Kelautan", "Iklim", "Keanekaragaman Hayati", "Lingkungan", "Pariwisata"),
        photos=(
            DemoPhoto(
                scene="sea",
                caption="Ilustrasi perairan Raja Ampat yang tenang.",
                alt_text=(
                    "Ilustrasi grafis laut hijau toska yang tenang dengan pantulan matahari, "
                    "perahu layar kecil, dan pulau di cakrawala."
                ),
            ),
            DemoPhoto(
                scene="sea",
                caption=(
                    "Ilustrasi kapal wisata di perairan terbuka. Peneliti meminta jangkar kapal "
                    "dibatasi di zona pemulihan."
                ),
                alt_text=(
                    "Ilustrasi grafis perahu layar di laut luas dengan cahaya matahari terpantul "
                    "di permukaan air."
                ),
                credit="Ilustrasi: Newsroom/Arif Setiawan",
            ),
            DemoPhoto(
                scene="hills",
                caption="Ilustrasi pulau-pulau karst yang berjajar.",
                alt_text=(
                    "Ilustrasi grafis perbukitan berlapis dalam gradasi hijau toska di bawah "
                    "langit biru pucat."
                ),
            ),
        ),
        authors=("nadia-rahmawati",),
        dateline_place="Waisai, Papua Barat Daya",
        published=ago(27, 8),
    ),
]


# Drawing the illustrations

# Drawing at twice the size and scaling down is a cheap way to smooth the edges of shapes.
PHOTO_SIZE = (1600, 900)
SUPERSAMPLE = 2
JPEG_QUALITY = 85

RGB = tuple[int, int, int]


def mix(first: RGB, second: RGB, amount: float) -> RGB:
    """Return the colour `amount` of the way from first to second."""
    return tuple(round(a + (b - a) * amount) for a, b in zip(first, second, strict=True))


def rgb(colour: str) -> RGB:
    return ImageColor.getrgb(colour)[:3]


def vertical_gradient(
    size: tuple[int, int], top: RGB, bottom: RGB, reach: float = 1.0
) -> Image.Image:
    """Return an image fading from the top colour to the bottom one `reach` of the way down."""
    width, height = size
    # Stretching a one-pixel-wide column is much faster than resizing a whole square.
    column = Image.new("L", (1, height), 255)
    fade = Image.linear_gradient("L").resize((1, max(1, round(height * reach))))
    column.paste(fade, (0, 0))
    mask = column.resize(size, Image.Resampling.NEAREST)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def add_glow(image: Image.Image, centre: tuple[float, float], radius: float, colour: RGB) -> None:
    """Lay a soft halo of light around centre."""
    # Blur a small mask covering only the halo, then scale it up: far faster than full size.
    shrink = 8
    reach = radius * 2
    box = tuple(
        round(value)
        for value in (centre[0] - reach, centre[1] - reach, centre[0] + reach, centre[1] + reach)
    )
    box_size = (box[2] - box[0], box[3] - box[1])
    mask = Image.new("L", (box_size[0] // shrink, box_size[1] // shrink), 0)
    middle, r = reach / shrink, radius / shrink
    ImageDraw.Draw(mask).ellipse((middle - r, middle - r, middle + r, middle + r), fill=150)
    mask = mask.filter(ImageFilter.GaussianBlur(r * 0.6)).resize(
        box_size, Image.Resampling.BILINEAR
    )
    image.paste(colour, box, mask=mask)


def draw_sun(image: Image.Image, centre: tuple[float, float], radius: float, colour: RGB) -> None:
    add_glow(image, centre, radius * 4, colour)
    x, y = centre
    ImageDraw.Draw(image).ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)


def ridge_line(rng: random.Random, width: int, base: float, amplitude: float) -> list[tuple]:
    """Return points of a wavy skyline made of a few overlapping sine waves."""
    waves = [
        (rng.uniform(0.6, 1.0) * amplitude, rng.uniform(1.0, 2.5), rng.uniform(0, math.tau)),
        (rng.uniform(0.2, 0.4) * amplitude, rng.uniform(3.0, 6.0), rng.uniform(0, math.tau)),
        (rng.uniform(0.05, 0.12) * amplitude, rng.uniform(12.0, 20.0), rng.uniform(0, math.tau)),
    ]
    step = max(width // 200, 1)
    return [
        (x, base + sum(a * math.sin(f * math.tau * x / width + p) for a, f, p in waves))
        for x in range(0, width + step, step)
    ]


def fill_below(image: Image.Image, line: list[tuple], colour) -> None:
    """Fill the area under a line down to the bottom edge."""
    width, height = image.size
    ImageDraw.Draw(image, "RGBA").polygon([*line, (width, height), (0, height)], fill=colour)


def paint_hills(image: Image.Image, rng: random.Random, palette: Palette) -> None:
    width, height = image.size
    horizon = rgb(palette.sky_horizon)
    draw_sun(
        image,
        (rng.uniform(0.2, 0.8) * width, rng.uniform(0.22, 0.38) * height),
        0.055 * height,
        rgb(palette.light),
    )
    layers = 4
    for index in range(layers):
        depth = index / (layers - 1)
        # Far hills take on the colour of the sky, as they do in haze.
        colour = mix(mix(rgb(palette.far), horizon, 0.45), rgb(palette.near), depth)
        base = height * (0.5 + 0.13 * index)
        fill_below(image, ridge_line(rng, width, base, height * (0.09 - 0.015 * index)), colour)


def paint_city(image: Image.Image, rng: random.Random, palette: Palette) -> None:
    width, height = image.size
    ground = height * 0.82
    draw_sun(
        image, (rng.uniform(0.25, 0.75) * width, 0.5 * height), 0.07 * height, rgb(palette.light)
    )
    draw = ImageDraw.Draw(image)
    far = mix(rgb(palette.far), rgb(palette.sky_horizon), 0.35)
    for tallest, colour, lit in ((0.42, far, False), (0.5, rgb(palette.near), True)):
        x = -rng.uniform(0, 0.03) * width
        while x < width:
            block = rng.uniform(0.03, 0.075) * width
            top = ground - rng.uniform(0.12, tallest) * height
            draw.rectangle((x, top, x + block, ground), fill=colour)
            if rng.random() < 0.2:
                draw.rectangle(
                    (x + block * 0.45, top - 0.05 * height, x + block * 0.52, top), fill=colour
                )
            if lit:
                draw_windows(draw, rng, (x, top, x + block, ground), rgb(palette.light))
            x += block + rng.uniform(0.0, 0.012) * width
    draw.rectangle((0, ground, width, height), fill=mix(rgb(palette.near), (0, 0, 0), 0.3))


def draw_windows(draw: ImageDraw.ImageDraw, rng: random.Random, box: tuple, colour: RGB) -> None:
    """Light a scattering of windows on the front of a building."""
    left, top, right, bottom = box
    size = (right - left) / 9
    y = top + size * 1.5
    while y < bottom - size * 2:
        x = left + size * 1.5
        while x < right - size * 1.5:
            if rng.random() < 0.3:
                draw.rectangle((x, y, x + size, y + size * 1.3), fill=colour)
            x += size * 2
        y += size * 2.6


def paint_sea(image: Image.Image, rng: random.Random, palette: Palette) -> None:
    width, height = image.size
    horizon_y = height * 0.6
    sun_x = rng.uniform(0.3, 0.7) * width
    draw_sun(image, (sun_x, height * 0.47), 0.06 * height, rgb(palette.light))
    draw_island(image, rng, horizon_y, mix(rgb(palette.far), rgb(palette.sky_horizon), 0.3))
    sea = vertical_gradient(
        (width, round(height - horizon_y)),
        mix(rgb(palette.far), rgb(palette.sky_horizon), 0.25),
        rgb(palette.near),
    )
    image.paste(sea, (0, round(horizon_y)))
    # The sun's reflection: short strokes that widen and scatter towards the viewer.
    overlay = ImageDraw.Draw(image, "RGBA")
    light = rgb(palette.light)
    y = horizon_y + 4
    while y < height:
        nearness = (y - horizon_y) / (height - horizon_y)
        half = (0.03 + 0.12 * nearness) * width * rng.uniform(0.3, 1.0)
        centre = sun_x + rng.uniform(-0.04, 0.04) * width * nearness
        alpha = round(200 * (1 - nearness) + 30)
        overlay.rectangle(
            (centre - half, y, centre + half, y + 3 + 6 * nearness), fill=(*light, alpha)
        )
        y += 8 + 22 * nearness
    draw_boat(
        image,
        (rng.uniform(0.15, 0.85) * width, horizon_y + 0.12 * height),
        0.06 * height,
        mix(rgb(palette.near), (0, 0, 0), 0.4),
    )


def draw_island(image: Image.Image, rng: random.Random, horizon_y: float, colour: RGB) -> None:
    """Raise a low island on the horizon that slopes into the sea at both ends."""
    width, height = image.size
    start = rng.choice([rng.uniform(-0.1, 0.05), rng.uniform(0.6, 0.75)]) * width
    length = rng.uniform(0.25, 0.4) * width
    peak = rng.uniform(0.03, 0.05) * height
    phase = rng.uniform(0, math.tau)
    steps = 80
    outline = [
        (
            start + length * step / steps,
            horizon_y
            - peak
            * math.sin(math.pi * step / steps) ** 0.6
            * (1 + 0.25 * math.sin(9 * step / steps + phase)),
        )
        for step in range(steps + 1)
    ]
    ImageDraw.Draw(image).polygon(outline, fill=colour)


def draw_boat(image: Image.Image, position: tuple[float, float], size: float, colour) -> None:
    x, y = position
    draw = ImageDraw.Draw(image)
    draw.polygon(
        [
            (x - size, y),
            (x + size, y),
            (x + size * 0.7, y + size * 0.35),
            (x - size * 0.7, y + size * 0.35),
        ],
        fill=colour,
    )
    draw.polygon(
        [
            (x - size * 0.05, y - size * 1.6),
            (x - size * 0.05, y - size * 0.1),
            (x - size * 0.9, y - size * 0.1),
        ],
        fill=colour,
    )
    draw.polygon(
        [
            (x + size * 0.05, y - size * 1.3),
            (x + size * 0.05, y - size * 0.1),
            (x + size * 0.6, y - size * 0.1),
        ],
        fill=colour,
    )


def paint_terraces(image: Image.Image, rng: random.Random, palette: Palette) -> None:
    width, height = image.size
    draw_sun(
        image, (rng.uniform(0.2, 0.8) * width, 0.16 * height), 0.05 * height, rgb(palette.light)
    )
    phase, tilt = rng.uniform(0, math.tau), rng.uniform(-0.06, 0.06)
    bands = 9
    for index in range(bands):
        depth = index / (bands - 1)
        base = height * (0.32 + 0.72 * depth**1.3)
        amplitude = height * (0.02 + 0.05 * depth)
        step = max(width // 200, 1)
        line = [
            (
                x,
                base
                + amplitude * math.sin(1.4 * math.tau * x / width + phase + index * 0.35)
                + tilt * (x - width / 2),
            )
            for x in range(0, width + step, step)
        ]
        shade = 0.12 if index % 2 else 0.0
        colour = mix(mix(rgb(palette.far), rgb(palette.near), depth * 0.85), (255, 255, 255), shade)
        fill_below(image, line, colour)
        # A thin bright edge reads as water standing in the terrace.
        ImageDraw.Draw(image, "RGBA").line(
            line, fill=(*rgb(palette.light), 110), width=max(2, round(height * 0.004))
        )


def paint_track(image: Image.Image, rng: random.Random, palette: Palette) -> None:
    width, height = image.size
    stands_top, field_top = height * 0.4, height * 0.55
    draw = ImageDraw.Draw(image)
    light = rgb(palette.light)
    for pole_x in (rng.uniform(0.08, 0.2) * width, rng.uniform(0.8, 0.92) * width):
        draw.rectangle((pole_x - 4, height * 0.1, pole_x + 4, stands_top), fill=rgb(palette.near))
        add_glow(image, (pole_x, height * 0.1), height * 0.12, light)
        draw.rectangle((pole_x - 40, height * 0.08, pole_x + 40, height * 0.12), fill=light)
    draw.rectangle((0, stands_top, width, field_top), fill=mix(rgb(palette.near), light, 0.1))
    # The crowd: dots in the section's colours, row after row.
    crowd_colours = [light, rgb(palette.far), rgb(palette.sky_horizon), rgb(palette.sky_top)]
    dot = height * 0.007
    y = stands_top + dot * 2
    while y < field_top - dot * 2:
        x = rng.uniform(0, dot * 3)
        while x < width:
            draw.ellipse((x - dot, y - dot, x + dot, y + dot), fill=rng.choice(crowd_colours))
            x += dot * rng.uniform(2.5, 4.0)
        y += dot * 3
    draw.rectangle((0, field_top, width, height), fill=mix(rgb(palette.near), (0, 0, 0), 0.2))
    vanishing_x = rng.uniform(0.35, 0.65) * width
    lanes = 6
    left_edge, right_edge = -0.25 * width, 1.25 * width

    def lane_edge(fraction: float) -> list[tuple]:
        bottom_x = left_edge + (right_edge - left_edge) * fraction
        top_x = vanishing_x + (bottom_x - vanishing_x) * 0.08
        return [(top_x, field_top + height * 0.04), (bottom_x, height)]

    surface = mix(rgb(palette.far), rgb(palette.near), 0.25)
    draw.polygon([*lane_edge(0), *reversed(lane_edge(1))], fill=surface)
    overlay = ImageDraw.Draw(image, "RGBA")
    for lane in range(lanes + 1):
        overlay.line(
            lane_edge(lane / lanes), fill=(255, 255, 255, 190), width=max(2, round(height * 0.005))
        )


def paint_network(image: Image.Image, rng: random.Random, palette: Palette) -> None:
    width, height = image.size
    light = rgb(palette.light)
    # Out-of-focus discs behind the network give the picture depth.
    for _ in range(7):
        add_glow(
            image,
            (rng.uniform(0, width), rng.uniform(0, height)),
            rng.uniform(0.08, 0.2) * height,
            rgb(palette.far),
        )
    nodes = [
        (rng.uniform(-0.05, 1.05) * width, rng.uniform(-0.05, 1.05) * height) for _ in range(46)
    ]
    overlay = ImageDraw.Draw(image, "RGBA")
    reach = 0.22 * width
    for index, (x1, y1) in enumerate(nodes):
        for x2, y2 in nodes[index + 1 :]:
            distance = math.hypot(x2 - x1, y2 - y1)
            if distance < reach:
                alpha = round(170 * (1 - distance / reach))
                overlay.line((x1, y1, x2, y2), fill=(*light, alpha), width=3)
    for x, y in nodes:
        radius = rng.uniform(0.006, 0.016) * height
        if rng.random() < 0.25:
            add_glow(image, (x, y), radius * 5, light)
        ImageDraw.Draw(image).ellipse((x - radius, y - radius, x + radius, y + radius), fill=light)


SCENE_PAINTERS = {
    "hills": paint_hills,
    "city": paint_city,
    "sea": paint_sea,
    "terraces": paint_terraces,
    "track": paint_track,
    "network": paint_network,
}


def add_vignette(image: Image.Image, strength: float = 0.45) -> Image.Image:
    """Darken the corners a little, as a camera lens does."""
    mask = Image.radial_gradient("L").resize(image.size, Image.Resampling.BILINEAR)
    mask = mask.point(lambda value: round(max(0, value - 90) * strength))
    return Image.composite(Image.new("RGB", image.size, (0, 0, 0)), image, mask)


def draw_photo(seed: int, palette: Palette, scene: str | None = None) -> bytes:
    """Draw an illustration for a demo article and return it as JPEG bytes."""
    rng = random.Random(seed)
    scene = scene or sorted(SCENE_PAINTERS)[seed % len(SCENE_PAINTERS)]
    width, height = PHOTO_SIZE
    size = (width * SUPERSAMPLE, height * SUPERSAMPLE)
    sky_bottom = rgb(palette.sky_horizon)
    if scene == "network":
        sky_bottom = mix(rgb(palette.near), rgb(palette.sky_top), 0.3)
    image = vertical_gradient(size, rgb(palette.sky_top), sky_bottom, reach=0.62)
    SCENE_PAINTERS[scene](image, rng, palette)
    image = add_vignette(image.reduce(SUPERSAMPLE))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()
